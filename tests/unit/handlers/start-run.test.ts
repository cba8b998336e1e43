import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/start-run';
import { objectCreatedEvent } from '../../../shared/domain/upload-event';
import { testDependencies, NOW } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const uploadOf = (key: string) => objectCreatedEvent({ bucket: 'lecture-uploads', key, size: 2_048, time: NOW });

async function setUp(status: 'awaiting_upload' | 'queued' | 'completed' = 'awaiting_upload') {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-9', status });
  await deps.jobs.create(job);
  return { deps, job, startRun: makeHandler(deps) };
}

describe('StartRun (the upload rule\'s target)', () => {
  it('starts the job\'s first run under a name made of the job and the attempt, with the run input made of the event', async () => {
    const { deps, job, startRun } = await setUp();
    expect(await startRun(uploadOf(job.artifacts.upload))).toEqual({ started: true });
    expect(deps.runs.started).toEqual([{ name: 'job-9-attempt-1', input: { jobId: 'job-9', attempt: 1, uploadKey: job.artifacts.upload } }]);
  });

  it('starts one run however often the event is delivered', async () => {
    const { deps, job, startRun } = await setUp();
    const results = await Promise.all([1, 2, 3].map(() => startRun(uploadOf(job.artifacts.upload))));
    expect(results.filter((result) => result.started)).toHaveLength(1);
    expect(deps.runs.started).toHaveLength(1);
    expect(deps.metrics.events).toEqual([{ event: 'jobStarted' }]);
  });

  it.each(['queued', 'completed'] as const)('starts nothing when an upload arrives for a job already %s', async (status) => {
    const { deps, job, startRun } = await setUp(status);
    expect(await startRun(uploadOf(job.artifacts.upload))).toEqual({ started: false });
    expect(deps.runs.started).toEqual([]);
  });

  it('starts nothing for an object no job expects', async () => {
    const { deps, startRun } = await setUp();
    expect(await startRun(uploadOf('uploads/not-a-job/x.vtt'))).toEqual({ started: false });
    expect(await startRun(uploadOf('uploads/stray.vtt'))).toEqual({ started: false });
    expect(deps.runs.started).toEqual([]);
  });
});
