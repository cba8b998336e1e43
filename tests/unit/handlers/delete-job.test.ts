import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/delete-job';
import type { JobStatus } from '../../../shared/contracts/job-status';
import { chunkKey, notesKey, transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, notesVersion } from '../../fixtures/job-record';

async function setUp(status: JobStatus) {
  const deps = testDependencies();
  const failure = { stage: 'generating_notes', code: 'ProviderUnavailable', message: 'The notes provider is unavailable.' } as const;
  const job = jobRecord({ jobId: 'job-5', status, ...(status === 'failed' && { error: failure }) });
  const other = jobRecord({ jobId: 'job-50', status: 'completed' });
  await deps.jobs.create(job);
  await deps.jobs.create(other);
  for (const key of [job.artifacts.upload, transcriptKey('job-5'), chunkKey('job-5', 0), notesKey('job-5'), other.artifacts.upload, notesKey('job-50')]) {
    deps.objects.put(key, 'x');
  }
  const remove = (caller = 'student-1') => makeHandler(deps)(apiEvent({ method: 'DELETE', caller, pathParameters: { jobId: 'job-5' } }));
  return { deps, remove };
}

describe('DELETE /jobs/{jobId}', () => {
  it.each(['completed', 'failed', 'awaiting_upload'] as const)('removes the upload, every artifact and the record of a job %s, and nothing else', async (status) => {
    const { deps, remove } = await setUp(status);
    expect((await remove()).statusCode).toBe(204);
    expect(await deps.jobs.get('job-5')).toBeUndefined();
    expect(deps.objects.keys()).toEqual(['jobs/job-50/notes.json', 'uploads/job-50/week-3.vtt']);
    expect(await deps.jobs.get('job-50')).toBeDefined();
  });

  it('refuses while the job is running, deleting nothing', async () => {
    const { deps, remove } = await setUp('generating_notes');
    const result = await remove();
    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result).error).toBe('JobRunning');
    expect(deps.objects.keys('jobs/job-5/')).toHaveLength(3);
  });

  it('refuses while a version of the notes is being written, deleting nothing', async () => {
    const { deps, remove } = await setUp('completed');
    await deps.jobs.addVersion('job-5', notesVersion({ status: 'queued' }));
    const result = await remove();
    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'VersionUnderWay', message: expect.stringContaining('Version 2') });
    expect(deps.objects.keys('jobs/job-5/')).toHaveLength(3);
  });

  it('answers 409, deleting nothing, when a version was asked for after the job was read', async () => {
    const { deps, remove } = await setUp('completed');
    const get = deps.jobs.get.bind(deps.jobs);
    deps.jobs.get = async (jobId) => {
      const read = await get(jobId);
      await deps.jobs.addVersion('job-5', notesVersion({ status: 'queued' }));
      return read;
    };
    const result = await remove();
    expect(apiErrorOf(result)).toMatchObject({ error: 'JobChanged' });
    expect(await get('job-5')).toBeDefined();
  });

  it('answers 409, deleting nothing, when a retry reopened the job after it was read', async () => {
    const { deps, remove } = await setUp('failed');
    const read = deps.jobs.get.bind(deps.jobs);
    // The retry lands between the delete reading the job and deleting it.
    deps.jobs.get = async (jobId) => {
      const job = await read(jobId);
      await deps.jobs.reopen(jobId, 1, { forgetTranscription: false });
      return job;
    };
    const result = await remove();

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result).error).toBe('JobChanged');
    expect(await read('job-5')).toMatchObject({ status: 'queued', attempt: 2 });
    expect(deps.objects.keys('uploads/job-5/')).toHaveLength(1);
    expect(deps.objects.keys('jobs/job-5/')).toHaveLength(3);
  });

  it('puts the record back when the artifacts cannot all be deleted, so it can be deleted again', async () => {
    const { deps, remove } = await setUp('completed');
    const deletePrefix = deps.objects.deletePrefix.bind(deps.objects);
    deps.objects.deletePrefix = async () => {
      throw new Error('S3 is unavailable');
    };
    expect((await remove()).statusCode).toBe(500);
    expect(await deps.jobs.get('job-5')).toMatchObject({ status: 'completed' });

    deps.objects.deletePrefix = deletePrefix;
    expect((await remove()).statusCode).toBe(204);
    expect(await deps.jobs.get('job-5')).toBeUndefined();
  });

  it('answers another user\'s job as missing, deleting nothing', async () => {
    const { deps, remove } = await setUp('completed');
    expect((await remove('someone-else')).statusCode).toBe(404);
    expect(await deps.jobs.get('job-5')).toBeDefined();
  });
});
