import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { uploadFile } from '../../cli/upload';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import { TERMINAL_STATUSES } from '../../shared/contracts/job-status';
import type { LectureNotes } from '../../shared/contracts/notes';
import { parseCaptions } from '../../shared/domain/captions';
import { countSpokenWords } from '../../shared/domain/sentences';
import { contentTypeFor } from '../../shared/domain/upload-types';
import { scoredLectures, type FixtureLecture } from '../fixtures/lectures/index';
import { readAnswerKey, type AnswerKey } from './answer-key';
import { formatReport } from './eval-report';
import { checkGoals, engineMeans, type EngineKind, type EvalRun } from './goals';
import { scoreNotes, type ScoredLecture } from './score-notes';

/*
 * `npm run eval`: every keyed lecture through the real pipeline (the local runtime in this
 * process, as `npm run notes` runs it), with the offline engine and, when OpenAI is configured,
 * the OpenAI one; scores the notes against the answer keys, prints the table and the goals,
 * writes eval-results.json (figures and each run's notes) and exits 1 when a goal is missed.
 */

const RESULTS_FILE = 'eval-results.json';
/** A model server can be slow; a job still running after this long counts as failed. */
const JOB_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 250;

type Lecture = FixtureLecture & { keyPath: string; key: AnswerKey; spoken: ScoredLecture };

async function readLecture(lecture: FixtureLecture & { keyPath: string }): Promise<Lecture> {
  const transcript = parseCaptions(await readFile(lecture.transcriptPath, 'utf8'), lecture.transcriptPath);
  const words = countSpokenWords(transcript.segments.map((segment) => segment.text).join(' '));
  return { ...lecture, key: await readAnswerKey(lecture.keyPath), spoken: { words, durationSeconds: transcript.durationSeconds } };
}

async function notesFor(api: ApiClient, path: string): Promise<LectureNotes> {
  const sizeBytes = (await stat(path)).size;
  const contentType = contentTypeFor(path);
  if (!contentType) throw new Error(`${basename(path)}: not a file type the API takes`);
  const created = await api.createJob({ fileName: basename(path), contentType, sizeBytes });
  await uploadFile(path, sizeBytes, created.upload, () => {});
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  for (;;) {
    const job = await api.getJob(created.jobId);
    if (job.status === 'failed') throw new Error(`job ${created.jobId} failed during ${job.error?.stage ?? 'an unknown stage'}: ${job.error?.message ?? 'no reason recorded'}`);
    if (TERMINAL_STATUSES.includes(job.status)) return api.getNotes(created.jobId);
    if (Date.now() > deadline) throw new Error(`job ${created.jobId} still ${job.status} after ${JOB_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A run as eval-results.json keeps it: with the notes, to see what lies behind a figure. */
type RunResult = EvalRun & { notes?: LectureNotes };

async function evaluateEngine(engine: EngineKind, lectures: readonly Lecture[]): Promise<RunResult[]> {
  const { startScratchRuntime } = await import('../../infra/local/scratch-runtime');
  const runtime = await startScratchRuntime({ environment: { ...process.env, NOTES_ENGINE: engine } });
  try {
    const token = runtime.issueToken('notes-eval');
    const api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    const runs: RunResult[] = [];
    // One lecture at a time, so that the seconds taken are each lecture's own.
    for (const lecture of lectures) {
      process.stderr.write(`${engine}: ${lecture.name}\n`);
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const notes = await notesFor(api, lecture.transcriptPath);
        runs.push({ lecture: lecture.name, engine, seconds: seconds(), score: scoreNotes(notes, lecture.key, lecture.spoken), notes });
      } catch (error) {
        runs.push({ lecture: lecture.name, engine, seconds: seconds(), failure: error instanceof Error ? error.message : String(error) });
      }
    }
    return runs;
  } finally {
    await runtime.stop();
  }
}

/** The same rule the runtime follows for `NOTES_ENGINE=auto`: OpenAI when a key or a server is set. */
const openAiConfigured = () => Boolean(process.env.OPENAI_API_KEY?.trim() || process.env.OPENAI_BASE_URL?.trim());

async function main(): Promise<number> {
  // Handler logs would bury the table, which names each failure; the logger reads its level when first imported.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const lectures = await Promise.all(scoredLectures.map(readLecture));
  const engines: EngineKind[] = openAiConfigured() ? ['offline', 'openai'] : ['offline'];
  const runs: RunResult[] = [];
  for (const engine of engines) runs.push(...(await evaluateEngine(engine, lectures)));

  const means = engineMeans(runs);
  const goals = checkGoals(runs);
  process.stdout.write(`${formatReport(runs, means, goals)}\n`);
  if (!openAiConfigured()) process.stdout.write('OpenAI not configured (OPENAI_API_KEY or OPENAI_BASE_URL): offline engine only.\n');
  const lectureFacts = lectures.map(({ name, spoken }) => ({ name, ...spoken }));
  await writeFile(RESULTS_FILE, `${JSON.stringify({ generatedAt: new Date().toISOString(), lectures: lectureFacts, runs, means, goals }, null, 2)}\n`);
  process.stdout.write(`Results written to ${RESULTS_FILE}.\n`);
  return goals.every((check) => check.pass) ? 0 : 1;
}

process.exitCode = await main();
