import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/renew-upload';
import { CreateJobResponseSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { readFakePresignedUrl } from '../../fixtures/in-memory-object-store';
import { jobRecord } from '../../fixtures/job-record';

async function setUp(overrides: Partial<JobRecord> = {}) {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-7', fileName: 'Week 3 lecture.mp3', contentType: 'audio/mpeg', sizeBytes: 40_000_000, sourceKind: 'audio', ...overrides });
  await deps.jobs.create(job);
  const renew = (caller: string | null = 'student-1', jobId = 'job-7') => makeHandler(deps)(apiEvent({ method: 'POST', caller, pathParameters: { jobId } }));
  return { deps, job, renew };
}

describe('POST /jobs/{jobId}/upload', () => {
  it('answers a new form, shaped as POST /jobs answers it, for the key, type and size the job was created with', async () => {
    const { deps, job, renew } = await setUp();
    const result = await renew();

    expect(result.statusCode).toBe(200);
    const response = CreateJobResponseSchema.parse(jsonBodyOf(result));
    expect(response.jobId).toBe('job-7');
    expect(response.expiresAt).toBe(new Date(NOW.getTime() + 15 * 60_000).toISOString());
    expect(readFakePresignedUrl(response.upload.url)).toEqual({ method: 'POST', key: job.artifacts.upload, expiresInSeconds: 15 * 60, sizeBytes: 40_000_000 });
    expect(response.upload.fields).toMatchObject({ key: job.artifacts.upload, 'Content-Type': 'audio/mpeg' });
    // Renewing changes nothing about the job itself.
    expect(await deps.jobs.get('job-7')).toEqual(job);
  });

  it.each(['queued', 'generating_notes', 'completed', 'failed'] as const)('answers 409 for a job that is %s: its file has arrived', async (status) => {
    const { renew } = await setUp({ status });
    const result = await renew();

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'UploadReceived', message: expect.stringContaining('Week 3 lecture.mp3') });
  });

  it("answers another user's job exactly as a job that does not exist", async () => {
    const { renew } = await setUp();
    const theirs = await renew('student-2');
    const missing = await renew('student-2', 'job-404');

    expect(theirs.statusCode).toBe(404);
    expect(apiErrorOf(theirs)).toEqual({ error: 'JobNotFound', message: 'There is no job job-7.' });
    expect(apiErrorOf(missing)).toEqual({ error: 'JobNotFound', message: 'There is no job job-404.' });
  });

  it('answers 401 without a signed-in user', async () => {
    const { renew } = await setUp();
    expect((await renew(null)).statusCode).toBe(401);
  });
});
