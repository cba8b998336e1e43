import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/complete-job';
import type { JobRecord } from '../../../shared/contracts/job';
import { notesKey, notesMarkdownKey } from '../../../shared/domain/object-keys';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const notes = { notesKey: notesKey('job-1'), markdownKey: notesMarkdownKey('job-1') };

/** Runs CompleteJob on the job; answers the record afterwards and the metric events reported. */
async function complete(job: JobRecord) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  await makeHandler(deps)({ job: jobRefOf(job), notes });
  return { stored: await deps.jobs.get(job.jobId), events: deps.metrics.events };
}

describe('CompleteJob', () => {
  it('reports the completion with the time spent in each stage', async () => {
    const stageTimes = {
      queued: new Date(NOW.getTime() - 30_000).toISOString(),
      chunking: new Date(NOW.getTime() - 25_000).toISOString(),
      generating_notes: new Date(NOW.getTime() - 24_000).toISOString(),
      merging: new Date(NOW.getTime() - 4_000).toISOString(),
    };
    expect((await complete(jobRecord({ status: 'merging', stageTimes }))).events).toEqual([
      { event: 'jobCompleted', detail: { totalSeconds: 30, stageSeconds: { queued: 5, chunking: 1, generating_notes: 20, merging: 4 } } },
    ]);
  });

  it('reports nothing for a job that had already ended', async () => {
    expect((await complete(jobRecord({ status: 'failed', error: { message: 'x', stage: 'merging', code: 'X' } }))).events).toEqual([]);
  });

  it('marks the job completed with its notes', async () => {
    const { stored: completed } = await complete(jobRecord({ status: 'merging', progress: 93 }));

    expect(completed).toMatchObject({
      status: 'completed',
      progress: 100,
      artifacts: { notes: notes.notesKey, notesMarkdown: notes.markdownKey },
      stageTimes: { completed: NOW.toISOString() },
    });
  });

  it('leaves a job that already failed as it was', async () => {
    const failed = jobRecord({ status: 'failed', progress: 93, error: { message: 'Stopped by its owner.', stage: 'merging', code: 'States.Aborted' } });

    expect((await complete(failed)).stored).toEqual(failed);
  });
});
