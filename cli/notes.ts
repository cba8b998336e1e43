import { stat, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { NotesFormatSchema, type JobStatusDocument } from '../shared/contracts/api';
import { createApiClient, type ApiClient } from '../shared/contracts/api-client';
import { TERMINAL_STATUSES } from '../shared/contracts/job-status';
import { EXPORT_FORMATS } from '../shared/domain/exports/export-formats';
import { costSummary } from '../shared/domain/job-cost';
import { STATUS_WORDS } from '../shared/domain/status-words';
import { formatClock, formatDuration } from '../shared/domain/time-formats';
import { contentTypeFor } from '../shared/domain/upload-types';
import { runCommand, UsageError } from './command';
import { notesContentsLine } from './notes-contents';
import { jobLine, progressWriter, uploadLine } from './progress-line';
import { deployedApi, SIGN_IN_OPTIONS, SIGN_IN_USAGE } from './sign-in/deployed-api';
import { uploadFile } from './upload';
import { readWaitOption, startedJobOutput, statusUrlOf } from './wait-option';

const FORMATS = NotesFormatSchema.options;

const USAGE = `Usage: npm run notes -- <lecture file> [--format ${FORMATS.join('|')}] [--out FILE]
       [--api URL | --stack NAME] [--user EMAIL | --token TOKEN] [--wait true|false]

  <lecture file>  captions (.vtt, .srt, .txt, AssemblyAI .json) or audio (needs a speech-to-text provider where the API runs: ASSEMBLYAI_API_KEY or TRANSCRIPTION_PROVIDER)
  --format F      md: the notes in Markdown (the default); json: as JSON; docx: as a Word document;
                  vtt, srt: the transcript as WebVTT or SubRip subtitles; anki: the review questions
                  and glossary as flashcards, a CSV Anki imports
  --json          the same as --format json (with --wait false: print {jobId, statusUrl} as JSON)
  --out FILE      where to write it ("-" for stdout; default: <lecture>${FORMATS.map((format) => `.${EXPORT_FORMATS[format].suffix}`).join(', ')}
                  by format)
  --api URL       use a deployed API instead of the local runtime started in this process
${SIGN_IN_USAGE}
  --token TOKEN   an ID token to send instead of signing in (or set LECTURE_NOTES_TOKEN)
  --wait false    with --api or --stack: print the job id once the file is uploaded and exit, for
                  scripts that poll the job themselves (true, the default: wait for the notes)`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readArguments() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...SIGN_IN_OPTIONS,
      token: { type: 'string' },
      wait: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('Give exactly one lecture file.');
  if (values.json && values.format && values.format !== 'json') throw new UsageError(`--json asks for JSON and --format for ${values.format}: give one.`);
  const format = NotesFormatSchema.safeParse(values.format ?? (values.json ? 'json' : 'md'));
  if (!format.success) throw new UsageError(`There is no format "${values.format}": use ${FORMATS.join(', ')}.`);
  const waiting = readWaitOption(values.wait, values);
  if ('problem' in waiting) throw new UsageError(waiting.problem);
  const out = values.out ?? `${basename(file, extname(file))}.${EXPORT_FORMATS[format.data].suffix}`;
  const deployed = {
    api: values.api,
    stack: values.stack,
    region: values.region,
    user: values.user,
    userPoolId: values['user-pool-id'],
    clientId: values['client-id'],
    token: values.token ?? process.env.LECTURE_NOTES_TOKEN,
  };
  return { file, out, format: format.data, json: values.json, wait: waiting.wait, deployed: values.api || values.stack || values.user ? deployed : undefined };
}

/** Who `npm run notes` signs in as when it runs the local runtime itself. */
const LOCAL_USER = 'local-user';

/**
 * The local runtime needs no account: it runs in this process, on a scratch
 * folder removed afterwards, and its own issuer signs this client in.
 */
async function localApi(): Promise<{ url: string; token: string; stop: () => Promise<void> }> {
  // Handler logs would mix with the progress bar; keep errors only unless asked for more.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { startScratchRuntime } = await import('../infra/local/scratch-runtime');
  const runtime = await startScratchRuntime();
  return { url: runtime.apiUrl, token: runtime.issueToken(LOCAL_USER), stop: runtime.stop };
}

async function waitForJob(api: ApiClient, jobId: string, local: boolean, onUpdate: (job: JobStatusDocument) => void) {
  // Locally polling is free; against AWS, back off from 1 s to 5 s.
  let delayMs = local ? 250 : 1000;
  for (;;) {
    const job = await api.getJob(jobId);
    onUpdate(job);
    if (TERMINAL_STATUSES.includes(job.status)) return job;
    await sleep(delayMs);
    if (!local) delayMs = Math.min(5000, delayMs * 1.5);
  }
}

async function main(): Promise<number> {
  const args = readArguments();
  const stats = await stat(args.file).catch(() => undefined);
  if (!stats?.isFile()) throw new UsageError(`${args.file} is not a file.`);
  const contentType = contentTypeFor(args.file);
  if (!contentType) throw new UsageError(`${basename(args.file)}: unknown file type. Use captions (.vtt, .srt, .txt, .json) or audio (.mp3, .m4a, .wav, .webm, .ogg, .flac).`);

  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const remote = args.deployed && (await deployedApi(args.deployed));
  const local = remote ? undefined : await localApi();
  const progress = progressWriter(process.stderr);
  try {
    const api = local ? createApiClient({ baseUrl: local.url, idToken: () => local.token }) : createApiClient({ baseUrl: remote!.apiUrl, idToken: remote!.idToken });
    const created = await api.createJob({ fileName: basename(args.file), contentType, sizeBytes: stats.size });
    process.stderr.write(`Job ${created.jobId}: ${basename(args.file)}\n`);
    await uploadFile(args.file, stats.size, created.upload, (sent) => progress.update(uploadLine(sent, stats.size)));
    if (!args.wait) {
      progress.finish();
      process.stderr.write(`Uploaded; the job goes on without this command: GET ${statusUrlOf(remote!.apiUrl, created.jobId)} until it is completed or failed.\n`);
      process.stdout.write(startedJobOutput(remote!.apiUrl, created.jobId, args.json));
      return 0;
    }
    const job = await waitForJob(api, created.jobId, Boolean(local), (update) => progress.update(jobLine(update, elapsed())));
    progress.finish();
    if (job.status === 'failed') {
      process.stderr.write(`The job failed during ${job.error ? STATUS_WORDS[job.error.stage].during : 'an unknown stage'}: ${job.error?.message ?? 'no reason recorded'}\n`);
      return 1;
    }
    const notes = await api.getNotes(created.jobId);
    const { bytes } = await api.getNotesExport(created.jobId, args.format);
    if (args.out === '-') process.stdout.write(bytes);
    else await writeFile(args.out, bytes);
    const tokens = job.usage.inputTokens + job.usage.outputTokens;
    const facts = [
      `${job.chunks.total} ${job.chunks.total === 1 ? 'chunk' : 'chunks'}`,
      ...(job.usage.audioSeconds ? [`${formatClock(job.usage.audioSeconds)} of audio`] : []),
      ...(tokens ? [`${tokens} tokens`] : []),
    ];
    const where = args.out === '-' ? 'written to stdout' : `written to ${args.out}`;
    // Read again: the last step adds its usage to the ledger just after it completes the job.
    const { cost } = await api.getJob(created.jobId);
    process.stderr.write(`Notes ${where} in ${formatDuration(elapsed())} (${facts.join(', ')}).\n${notesContentsLine(notes)}\n${costSummary(cost)}.\n`);
    return 0;
  } finally {
    progress.finish();
    remote?.stop();
    await local?.stop();
  }
}

await runCommand(main, USAGE);
