import { resolve } from 'node:path';
import { startLocalRuntime } from './local-runtime';

/* `npm start`: the local runtime as a long-running server, for the web client and for scripts. */

const port = Number(process.env.PORT ?? 8787);
// A fixed address: the upload forms already handed out name it, and must still work after a restart.
const s3Port = Number(process.env.S3_PORT ?? port + 1);
const runtime = await startLocalRuntime({ dataDir: resolve('.local'), persistTable: true, apiPort: port, s3Port });
const { config } = runtime;
process.stderr.write(
  [
    `Lecture Notes is running locally.`,
    `  Web client      ${runtime.apiUrl}/`,
    `  API             ${runtime.apiUrl}`,
    `  S3 (s3rver)     ${runtime.s3Endpoint}  bucket ${config.bucketName}`,
    `  DynamoDB        ${runtime.dynamoDbEndpoint}  table ${config.jobsTable}`,
    `  Step Functions  ${runtime.stepFunctionsEndpoint}`,
    `  Notes engine    ${config.notes.engine === 'openai' ? `OpenAI ${config.notes.model}` : 'offline (no key needed)'}`,
    `  Transcription   ${config.transcription.apiKey ? 'AssemblyAI' : 'not configured: caption files only (set ASSEMBLYAI_API_KEY for audio)'}`,
    `  Sign in         npm run -s token -- <user>   (or POST /local/sign-in {"username": "..."})`,
    `Data is kept in .local/. Stop with Ctrl+C.`,
    '',
  ].join('\n'),
);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('Stopping: letting running jobs finish...\n');
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
