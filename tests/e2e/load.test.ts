import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../shared/contracts/job-status';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { isNonDecreasing, runLecture, type LectureRun } from './lecture-run';

const JOBS_AT_ONCE = 50;

/** The heap after a full collection, in bytes. */
function settledHeap(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with --expose-gc (vitest.config.ts passes it to the test workers).');
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

describe(`${JOBS_AT_ONCE} lectures at once through the local runtime`, () => {
  let runtime: LocalRuntime;
  let body: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    // The table on disk, as `npm start` keeps it: a database in memory would grow with its jobs by design.
    runtime = await startScratchRuntime({ persistTable: true, environment: { NOTES_ENGINE: 'offline' } });
    body = new Uint8Array(await readFile('samples/how-databases-keep-promises.vtt'));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const wave = () =>
    Promise.all(
      Array.from({ length: JOBS_AT_ONCE }, (_, index) =>
        runLecture(runtime.apiUrl, runtime.issueToken(`student-${index % 7}`), {
          path: `lecture-${index}.vtt`,
          contentType: 'text/vtt',
          body,
        }),
      ),
    );

  const expectAllDone = (runs: LectureRun[]) => {
    for (const run of runs) {
      expect(run.final.status).toBe('completed');
      // No lost update: every chunk counted, exactly once.
      expect(run.final.chunks.done).toBe(run.final.chunks.total);
      expect(run.final.chunks.total).toBeGreaterThan(0);
      expect(isNonDecreasing(run.updates.map((update) => update.progress))).toBe(true);
      expect(isNonDecreasing(run.updates.map((update) => JOB_STATUSES.indexOf(update.status)))).toBe(true);
    }
    expect(new Set(runs.map((run) => run.jobId)).size).toBe(runs.length);
  };

  it('finishes every job, each only moving forward, with one run each and memory that does not grow with the jobs', async () => {
    // The first wave also warms up what stays for good (compiled code, the language model, connection pools).
    expectAllDone(await wave());
    const before = settledHeap();
    expectAllDone(await wave());
    expectAllDone(await wave());
    const after = settledHeap();

    const runsPerJob = Map.groupBy(runtime.stateMachine.executionArns(), (arn) => arn.split(':').pop()!.replace(/-attempt-\d+$/, ''));
    expect(runsPerJob.size).toBe(3 * JOBS_AT_ONCE);
    expect([...runsPerJob.values()].every((runs) => runs.length === 1)).toBe(true);

    // A finished job may leave its execution record (at most a bounded number of them) and a share of
    // caches that stop growing: about 20 KB measured. Its transcript, chunks and notes (over 150 KB for
    // this 25-minute lecture) must not stay.
    const perJob = (after - before) / (2 * JOBS_AT_ONCE);
    expect(perJob).toBeLessThan(64 * 1024);
  }, 120_000);
});
