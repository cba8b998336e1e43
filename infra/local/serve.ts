import { createServer } from 'node:net';
import { constants } from 'node:os';
import { transcriptionConfigured, type RuntimeConfig } from '../../lambdas/runtime/config';
import { TRANSCRIPTION_SETUP_HINT } from '../../shared/domain/transcription-setup';
import { DataFolderInUse, dataFolderOf } from './data-folder';
import { DEFAULT_DRAIN_MS, startLocalRuntime, type LocalRuntime } from './local-runtime';

/* `npm start`: the local runtime as a long-running server, for the web client and for scripts. */

/** A start that cannot go on, said in one line: no stack, exit status 1. */
function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function numberSetting(name: string, fallback: number, valid: (value: number) => boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!valid(value)) refuse(`${name}=${raw} is not valid: give ${name.endsWith('PORT') ? 'a port number from 1 to 65535' : 'a number of seconds, 0 or more'}.`);
  return value;
}

const port = numberSetting('PORT', 8787, (value) => Number.isInteger(value) && value > 0 && value < 65_536);
const drainMs = numberSetting('LECTURE_NOTES_DRAIN_SECONDS', DEFAULT_DRAIN_MS / 1000, (value) => value >= 0) * 1000;
// A fixed address: the upload forms already handed out name it, and must still work after a restart.
const s3Port = numberSetting('S3_PORT', port + 1, (value) => Number.isInteger(value) && value > 0 && value < 65_536);
const dataDir = dataFolderOf(process.env);

/** True when something on this machine already listens on the port. */
function portTaken(candidate: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(true));
    probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

const portInUse = (taken: number) => {
  const setting = taken === s3Port && taken !== port ? 'S3_PORT' : 'PORT';
  // Two further on: PORT's neighbour is S3's default.
  const suggestion = taken + 2 > 65_535 ? 8787 : taken + 2;
  return `Port ${taken} on 127.0.0.1 is already in use by another program: stop it, or choose another port, e.g. ${setting}=${suggestion} npm start.`;
};

// Checked before anything starts, so the answer comes at once and names the setting to change.
for (const candidate of [port, s3Port]) if (await portTaken(candidate)) refuse(portInUse(candidate));

let runtime: LocalRuntime;
try {
  runtime = await startLocalRuntime({ dataDir, persistTable: true, apiPort: port, s3Port });
} catch (error) {
  if (error instanceof DataFolderInUse) refuse(error.message);
  // Taken in the moment since the check above.
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') refuse(portInUse((error as { port?: number }).port ?? port));
  throw error;
}
const { config, reconciled } = runtime;

function transcriptionSummary(transcription: RuntimeConfig['transcription']): string {
  if (!transcriptionConfigured(transcription)) return `not configured: caption files only (for audio, ${TRANSCRIPTION_SETUP_HINT})`;
  return transcription.provider === 'openai' ? `${transcription.speechModel} at ${transcription.baseUrl ?? 'OpenAI'}` : 'AssemblyAI';
}
const resumedWords = [
  reconciled.resumed.length && `${reconciled.resumed.length} interrupted job(s) resumed`,
  reconciled.uploadsDelivered.length && `${reconciled.uploadsDelivered.length} waiting upload(s) started`,
  reconciled.failed.length && `${reconciled.failed.length} interrupted job(s) could not resume and are marked failed`,
].filter(Boolean);
process.stderr.write(
  [
    `Lecture Notes is running locally.`,
    `  Web client      ${runtime.apiUrl}/`,
    `  API             ${runtime.apiUrl}`,
    `  S3 (s3rver)     ${runtime.s3Endpoint}  bucket ${config.bucketName}`,
    `  DynamoDB        ${runtime.dynamoDbEndpoint}  table ${config.jobsTable}`,
    `  Step Functions  ${runtime.stepFunctionsEndpoint}`,
    `  Notes engine    ${config.notes.engine === 'openai' ? `OpenAI ${config.notes.model}` : 'offline (no key needed)'}`,
    `  Transcription   ${transcriptionSummary(config.transcription)}`,
    `  Sign in         npm run -s token -- <user>   (or POST /local/sign-in {"username": "..."})`,
    ...(resumedWords.length ? [`  From last time  ${resumedWords.join('; ')}`] : []),
    `Data is kept in ${dataDir}. Stop with Ctrl+C.`,
    '',
  ].join('\n'),
);

/* npm passes the signal it gets on to the script, which the terminal (or a kill of the process
   group) has signalled already: a copy that close behind the first is the same request. */
const RELAYED_SIGNAL_MS = 500;
let stopRequestedAt: number | undefined;

function onSignal(signal: NodeJS.Signals) {
  if (stopRequestedAt === undefined) {
    stopRequestedAt = Date.now();
    process.stderr.write(
      `Stopping: no new work is taken; running jobs get ${drainMs / 1000} s to finish, the rest resume on the next start. ` +
        'Press Ctrl+C again to stop at once.\n',
    );
    runtime.stop({ drainMs }).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`The server did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
    return;
  }
  if (Date.now() - stopRequestedAt < RELAYED_SIGNAL_MS) return;
  process.stderr.write('Stopped at once: unfinished jobs resume on the next start.\n');
  process.exit(128 + constants.signals[signal]);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
