import { describe, expect, it } from 'vitest';
import { makeHandler as makeDeleteJob } from '../../../lambdas/handlers/delete-job';
import { makeHandler as makeGetJob } from '../../../lambdas/handlers/get-job';
import { makeHandler as makeListJobs } from '../../../lambdas/handlers/list-jobs';
import { makeHandler as makeRetryJob } from '../../../lambdas/handlers/retry-job';
import { JobListSchema, JobStatusDocumentSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const minutesBeforeNow = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

/** A job whose run began `minutes` ago and is still writing notes, as far as its record says. */
const runningFor = (jobId: string, minutes: number, overrides: Partial<JobRecord> = {}) =>
  jobRecord({
    jobId,
    fileName: `${jobId}.vtt`,
    status: 'generating_notes',
    progress: 62,
    runId: `arn:aws:states:eu-west-1:123456789012:execution:NotesPipeline:${jobId}-attempt-1`,
    stageTimes: { awaiting_upload: minutesBeforeNow(minutes + 1), queued: minutesBeforeNow(minutes), generating_notes: minutesBeforeNow(minutes - 1) },
    ...overrides,
  });

async function setUp(...jobs: JobRecord[]) {
  const deps = testDependencies();
  for (const job of jobs) {
    await deps.jobs.create(job);
    deps.objects.put(job.artifacts.upload, 'WEBVTT\n');
  }
  const request = (method: 'GET' | 'POST' | 'DELETE', jobId: string) => apiEvent({ method, pathParameters: { jobId } });
  return {
    deps,
    get: (jobId: string) => makeGetJob(deps)(request('GET', jobId)),
    list: () => makeListJobs(deps)({ ...apiEvent(), queryStringParameters: null }),
    retry: (jobId: string) => makeRetryJob(deps)(request('POST', jobId)),
    remove: (jobId: string) => makeDeleteJob(deps)(request('DELETE', jobId)),
  };
}

describe('a job still unfinished past its run\'s time limit (45 minutes and a 5-minute margin)', () => {
  it('shows as failed on GET /jobs/{jobId}, with a message to retry it, and is stored so', async () => {
    const { deps, get } = await setUp(runningFor('job-1', 51));
    const result = await get('job-1');

    expect(result.statusCode).toBe(200);
    const document = JobStatusDocumentSchema.parse(jsonBodyOf(result));
    expect(document.status).toBe('failed');
    expect(document.progress).toBe(62);
    expect(document.error?.message).toMatch(/still at writing the notes when the pipeline's 45-minute time limit had passed.*Retry the job/);
    expect((await deps.jobs.get('job-1'))?.error).toMatchObject({ code: 'RunTimedOut', stage: 'generating_notes' });
    expect(deps.metrics.events).toEqual([{ event: 'jobFailed', detail: { stage: 'generating_notes' } }]);
  });

  it('is left running while it is within the limit', async () => {
    const { deps, get } = await setUp(runningFor('job-1', 49));
    expect(JobStatusDocumentSchema.parse(jsonBodyOf(await get('job-1'))).status).toBe('generating_notes');
    expect(deps.metrics.events).toEqual([]);
  });

  it('shows as failed in GET /jobs, beside the jobs that are fine', async () => {
    const { list } = await setUp(
      runningFor('job-1', 120),
      runningFor('job-2', 10, { createdAt: '2030-05-04T09:01:00.000Z' }),
      jobRecord({ jobId: 'job-3', fileName: 'job-3.vtt', createdAt: '2030-05-04T09:02:00.000Z' }),
    );
    const { jobs } = JobListSchema.parse(jsonBodyOf(await list()));
    expect(Object.fromEntries(jobs.map((job) => [job.jobId, job.status]))).toEqual({ 'job-1': 'failed', 'job-2': 'generating_notes', 'job-3': 'awaiting_upload' });
  });

  it('can be retried by its owner: failed first, then attempt 2 starts', async () => {
    const { deps, retry } = await setUp(runningFor('job-1', 51));
    const result = await retry('job-1');

    expect(result.statusCode).toBe(202);
    expect(deps.runs.started.map((run) => run.name)).toEqual(['job-1-attempt-2']);
    expect(await deps.jobs.get('job-1')).toMatchObject({ status: 'queued', attempt: 2, pastAttempts: [{ attempt: 1, code: 'RunTimedOut' }] });
  });

  it('can be deleted by its owner', async () => {
    const { deps, remove } = await setUp(runningFor('job-1', 51));
    expect((await remove('job-1')).statusCode).toBe(204);
    expect(await deps.jobs.get('job-1')).toBeUndefined();
    expect(deps.objects.keys()).toEqual([]);
  });

  it('is still refused retry and deletion while within the limit', async () => {
    const { retry, remove } = await setUp(runningFor('job-1', 30));
    const [retried, removed] = [await retry('job-1'), await remove('job-1')];
    expect([retried.statusCode, apiErrorOf(retried).error]).toEqual([409, 'NotFailed']);
    expect([removed.statusCode, apiErrorOf(removed).error]).toEqual([409, 'JobRunning']);
  });

  it("is never someone else's to fail: another user's request answers 404 and changes nothing", async () => {
    const job = runningFor('job-1', 51, { owner: 'student-2' });
    const { deps, get } = await setUp(job);
    expect((await get('job-1')).statusCode).toBe(404);
    expect(await deps.jobs.get('job-1')).toEqual(job);
  });
});
