import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import type { JobStatusDocument } from '../../shared/contracts/api';
import { generationProgress } from '../../shared/domain/job-status-rules';
import { startOpenAiStandIn, type OpenAiFault, type OpenAiStandIn } from '../fixtures/openai-stand-in';
import { isNonDecreasing, sendUploadForm, watchJob } from './lecture-run';

/* The real server (`infra/local/serve.ts`, what `npm start` runs) as a child process in its own
   process group, killed or stopped the way a person or the system would, then started again on
   the same data folder. Notes come from an OpenAI stand-in that answers only as many requests as
   the test allows, so where a run stands when it is cut off is known, not raced. */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(REPO, 'samples/how-databases-keep-promises.vtt');
const READY_LINE = 'Lecture Notes is running locally.';
const STARTUP_MS = 40_000;

/** Answered normally, then held far beyond any test: a chunk whose notes never come while the test says so. */
const answered = (count: number): OpenAiFault[] => Array.from({ length: count }, () => ({ delayMs: 0 }));
const HELD: OpenAiFault[] = Array.from({ length: 500 }, () => ({ delayMs: 10 * 60_000 }));

/** Seven copies of the 25-minute sample, each shifted after the one before: a three-hour lecture of 26 chunks. */
async function threeHourLecture(): Promise<Uint8Array<ArrayBuffer>> {
  const sample = await readFile(SAMPLE, 'utf8');
  const cues = sample.slice(sample.indexOf('\n00:') + 1);
  const toMs = (time: string) => {
    const [hours, minutes, seconds] = time.split(':').map(Number) as [number, number, number];
    return ((hours * 60 + minutes) * 60 + seconds) * 1000;
  };
  const format = (ms: number) =>
    `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${((ms % 60_000) / 1000).toFixed(3).padStart(6, '0')}`;
  const copies = Array.from({ length: 7 }, (_, copy) =>
    cues.replace(/(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})/g, (_, start: string, end: string) => `${format(toMs(start) + copy * 26 * 60_000)} --> ${format(toMs(end) + copy * 26 * 60_000)}`),
  );
  return new Uint8Array(Buffer.from(`WEBVTT\n\n${copies.join('\n\n')}`));
}

/** Binds a port on 127.0.0.1 (0: any free one); the port, or undefined when it is taken. */
async function bind(port: number): Promise<{ port?: number; close: () => Promise<void> }> {
  const server = createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!bound) return { close: async () => undefined };
  return { port: (server.address() as { port: number }).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A free port whose neighbour is free too: the server's S3 stand-in listens on PORT + 1. */
async function freePort(): Promise<number> {
  for (;;) {
    const api = await bind(0);
    const s3 = await bind(api.port! + 1);
    await Promise.all([api.close(), s3.close()]);
    if (s3.port !== undefined) return api.port!;
  }
}

interface Server {
  child: ChildProcess;
  apiUrl: string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

const children = new Set<ChildProcess>();

/** Starts serve.ts in a process group of its own; resolves once it is serving, or once it has exited. */
async function startServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/serve.ts'], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LECTURE_NOTES_DATA_DIR: dataDir, PORT: String(port), ...env },
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const deadline = Date.now() + STARTUP_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!stderr.includes(READY_LINE) && !gone) {
    if (Date.now() > deadline) throw new Error(`serve.ts did not start within ${STARTUP_MS / 1000} s:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, apiUrl: `http://127.0.0.1:${port}`, stderr: () => stderr, exited };
}

/** Signals the whole process group, as Ctrl+C or `kill -- -pgid` does. */
const signalGroup = (server: Server, signal: NodeJS.Signals) => process.kill(-server.child.pid!, signal);

async function signIn(apiUrl: string): Promise<ApiClient> {
  const { idToken } = await createApiClient({ baseUrl: apiUrl }).signInLocally('crash-tester');
  return createApiClient({ baseUrl: apiUrl, idToken: () => idToken });
}

async function createAndUpload(api: ApiClient, fileName: string, body: Uint8Array<ArrayBuffer>, { upload = true } = {}) {
  const created = await api.createJob({ fileName, contentType: 'text/vtt', sizeBytes: body.byteLength });
  if (upload) await sendUploadForm(created.upload, { name: fileName, contentType: 'text/vtt', body });
  return created;
}

/** Polls until `done` holds for the job, keeping what was seen. */
async function waitForJob(api: ApiClient, jobId: string, done: (job: JobStatusDocument) => boolean, seen: JobStatusDocument[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api.getJob(jobId);
    seen.push(job);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`Job ${jobId} never got there: last seen ${job.status}, ${job.chunks.done}/${job.chunks.total} chunks`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForStderr(server: Server, text: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!server.stderr().includes(text)) {
    if (Date.now() > deadline) throw new Error(`serve.ts never wrote "${text}":\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let openai: OpenAiStandIn;
let lecture: Uint8Array<ArrayBuffer>;
const dataDirs: string[] = [];
const newDataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lecture-notes-crash-'));
  dataDirs.push(dir);
  return dir;
};
const chatRequests = () => openai.requests.filter((request) => request.path === '/v1/chat/completions').length;
const notesEnv = () => ({ OPENAI_BASE_URL: openai.baseURL, OPENAI_API_KEY: 'sk-stand-in', NOTES_ENGINE: 'openai' });

beforeAll(async () => {
  openai = await startOpenAiStandIn();
  lecture = await threeHourLecture();
});

afterAll(async () => {
  for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGKILL');
  await openai?.close();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the local server after a crash or a stop', () => {
  it('finishes a job killed (kill -9) while writing notes, counting each chunk once, and one uploaded just before the kill', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    openai.setBehaviour({ faults: [...answered(3), ...HELD] });
    const first = await startServer(dataDir, port, notesEnv());
    const api = await signIn(first.apiUrl);

    const seen: JobStatusDocument[] = [];
    const long = await createAndUpload(api, 'three-hours.vtt', lecture);
    await waitForJob(api, long.jobId, (job) => job.status === 'generating_notes' && job.chunks.done === 3, seen);
    // Killed just after an upload's 204: its event, and whatever it had started, lived only in memory.
    // (Where exactly it stood varies; the next test holds an upload's event back for certain.)
    const short = await createAndUpload(api, 'short.vtt', new Uint8Array(await readFile(SAMPLE)));
    signalGroup(first, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    openai.setBehaviour({ faults: [] });
    const requestsBefore = chatRequests();
    const second = await startServer(dataDir, port, notesEnv());
    expect(second.stderr()).toMatch(/From last time {2}.*interrupted job\(s\) resumed/);
    const { final, updates } = await watchJob(api, long.jobId, 40_000);
    const shortRun = await watchJob(api, short.jobId, 20_000);

    expect(final).toMatchObject({ status: 'completed', progress: 100, chunks: { done: 26, total: 26 }, notesReady: true });
    expect(isNonDecreasing([...seen, ...updates].map((job) => job.progress))).toBe(true);
    // The three chunks written before the kill were not asked for again: 23 for the long lecture, the rest for the short one, and one reduce for each.
    const shortChunks = shortRun.final.chunks.total;
    expect(chatRequests() - requestsBefore).toBe(23 + shortChunks + 2);
    expect(shortRun.final).toMatchObject({ status: 'completed', chunks: { done: shortChunks, total: shortChunks } });
    signalGroup(second, 'SIGTERM');
    expect(await second.exited).toBe(0);
  });

  // Two starts of the server, a three-hour lecture and a version of its notes: more than the default minute on a loaded machine.
  it('finishes a version of the notes killed (kill -9) while being written, asking again only for the chunks it had not written', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    openai.setBehaviour({ faults: [] });
    const first = await startServer(dataDir, port, notesEnv());
    const api = await signIn(first.apiUrl);
    const job = await createAndUpload(api, 'three-hours.vtt', lecture);
    expect((await watchJob(api, job.jobId, 40_000)).final).toMatchObject({ status: 'completed', chunks: { total: 26 } });

    openai.setBehaviour({ faults: [...answered(3), ...HELD] });
    await api.createNotesVersion(job.jobId, { style: 'summary' });
    // Three chunks' notes stored and counted: the version's bar says so only after both.
    const threeWritten = generationProgress(3, 26);
    await waitForJob(api, job.jobId, (seen) => seen.versions.at(-1)?.progress === threeWritten, []);
    signalGroup(first, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    openai.setBehaviour({ faults: [] });
    const requestsBefore = chatRequests();
    const second = await startServer(dataDir, port, notesEnv());
    expect(second.stderr()).toContain('1 interrupted job(s) resumed');
    const done = await waitForJob(api, job.jobId, (seen) => seen.versions.at(-1)?.status === 'completed', [], 40_000);
    expect(done.versions.map(({ version, style, status }) => ({ version, style, status }))).toEqual([
      { version: 1, style: 'study', status: 'completed' },
      { version: 2, style: 'summary', status: 'completed' },
    ]);
    // The 23 chunks not written before the kill, and the reduce.
    expect(chatRequests() - requestsBefore).toBe(23 + 1);
    expect((await api.getNotes(job.jobId, 2)).title).toBeTruthy();
    signalGroup(second, 'SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('stops within the drain time on SIGTERM, refusing new work meanwhile, and the next start finishes what was cut off', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const drainSeconds = 5;
    openai.setBehaviour({ faults: [...answered(2), ...HELD] });
    const first = await startServer(dataDir, port, { ...notesEnv(), LECTURE_NOTES_DRAIN_SECONDS: String(drainSeconds) });
    const api = await signIn(first.apiUrl);
    const running = await createAndUpload(api, 'three-hours.vtt', lecture);
    await waitForJob(api, running.jobId, (job) => job.status === 'generating_notes' && job.chunks.done === 2, []);
    const waiting = await createAndUpload(api, 'later.vtt', new Uint8Array(await readFile(SAMPLE)), { upload: false });

    const stopAsked = Date.now();
    signalGroup(first, 'SIGTERM');
    await waitForStderr(first, 'Stopping:');
    const refused = await api.createJob({ fileName: 'late.vtt', contentType: 'text/vtt', sizeBytes: 10 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 503, code: 'ServerStopping' });
    // Reads go on during the drain, and an upload still lands, though it starts no run now.
    expect((await api.getJob(running.jobId)).status).toBe('generating_notes');
    await sendUploadForm(waiting.upload, { name: 'later.vtt', contentType: 'text/vtt', body: new Uint8Array(await readFile(SAMPLE)) });
    expect(await first.exited).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan((drainSeconds + 5) * 1000);

    openai.setBehaviour({ faults: [] });
    const second = await startServer(dataDir, port, notesEnv());
    expect(second.stderr()).toContain('1 interrupted job(s) resumed; 1 waiting upload(s) started');
    expect((await watchJob(api, running.jobId, 40_000)).final).toMatchObject({ status: 'completed', chunks: { done: 26, total: 26 } });
    expect((await watchJob(api, waiting.jobId, 20_000)).final).toMatchObject({ status: 'completed' });
    signalGroup(second, 'SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('says in one line that the data folder or the port is taken, and exits 1; a second Ctrl+C stops at once', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    openai.setBehaviour({ faults: HELD });
    const running = await startServer(dataDir, port, { ...notesEnv(), LECTURE_NOTES_DRAIN_SECONDS: '120' });

    const [sameFolder, samePort] = await Promise.all([startServer(dataDir, await freePort()), startServer(await newDataDir(), port)]);
    expect(await sameFolder.exited).toBe(1);
    expect(sameFolder.stderr()).toBe(
      `Another Lecture Notes server (process ${running.child.pid}) is using the data folder ${dataDir}. Stop it first, or start this one on another folder with LECTURE_NOTES_DATA_DIR.\n`,
    );
    expect(await samePort.exited).toBe(1);
    expect(samePort.stderr()).toBe(`Port ${port} on 127.0.0.1 is already in use by another program: stop it, or choose another port, e.g. PORT=${port + 2} npm start.\n`);

    // The first server never noticed.
    const api = await signIn(running.apiUrl);
    const held = await createAndUpload(api, 'short.vtt', new Uint8Array(await readFile(SAMPLE)));
    await waitForJob(api, held.jobId, (job) => job.status === 'generating_notes', []);

    // The drain would wait two minutes for the held notes; the second signal ends it at once.
    signalGroup(running, 'SIGINT');
    await waitForStderr(running, 'Stopping:');
    // A copy of the first signal relayed by npm arrives within half a second, and is not a second request.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const secondAsked = Date.now();
    signalGroup(running, 'SIGINT');
    expect(await running.exited).toBe(130);
    expect(Date.now() - secondAsked).toBeLessThan(5_000);
    expect(running.stderr()).toContain('Stopped at once: unfinished jobs resume on the next start.');
  });
});
