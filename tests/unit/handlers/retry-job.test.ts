import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/retry-job';
import { JobStatusDocumentSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, notesVersion } from '../../fixtures/job-record';

const failure = { message: 'OpenAI was unavailable.', stage: 'generating_notes', code: 'ProviderUnavailable' } as const;

async function setUp(overrides: Partial<JobRecord> = {}, stored: { upload?: boolean; transcript?: boolean } = { upload: true }) {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-4', status: 'failed', error: failure, transcriptionId: 'tr-1', ...overrides });
  await deps.jobs.create(job);
  if (stored.upload) deps.objects.put(job.artifacts.upload, 'WEBVTT\n');
  if (stored.transcript) deps.objects.put(transcriptKey(job.jobId), '{}');
  const retry = (caller = 'student-1') => makeHandler(deps)(apiEvent({ method: 'POST', caller, pathParameters: { jobId: 'job-4' } }));
  return { deps, job, retry };
}

describe('POST /jobs/{jobId}/retry', () => {
  it('starts attempt 2 of a failed job under its own run name and answers 202 with the reopened job', async () => {
    const { deps, job, retry } = await setUp();
    const result = await retry();

    expect(result.statusCode).toBe(202);
    expect(JobStatusDocumentSchema.parse(jsonBodyOf(result))).toMatchObject({ status: 'queued', jobId: 'job-4' });
    expect(deps.runs.started).toHaveLength(1);
    expect(deps.runs.started[0]).toEqual({
      name: 'job-4-attempt-2',
      input: { jobId: 'job-4', attempt: 2, uploadKey: job.artifacts.upload },
    });
    const stored = await deps.jobs.get('job-4');
    expect(stored).toMatchObject({ attempt: 2, transcriptionId: 'tr-1', pastAttempts: [{ attempt: 1, ...failure }] });
  });

  it('forgets the transcript id only when the provider failed the transcription itself', async () => {
    const { deps, retry } = await setUp({ error: { message: 'No speech.', stage: 'transcribing', code: 'TranscriptionFailed' } });
    await retry();
    expect(await deps.jobs.get('job-4')).not.toHaveProperty('transcriptionId');
  });

  it('resumes from a stored transcript even when the upload has expired', async () => {
    const { deps, retry } = await setUp({}, { transcript: true });
    expect((await retry()).statusCode).toBe(202);
    expect(deps.runs.started).toHaveLength(1);
  });

  it('answers 409, starting nothing, when there is nothing to resume from', async () => {
    const { deps, retry } = await setUp({}, {});
    const result = await retry();
    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'UploadGone', message: expect.stringContaining('upload it again') });
    expect(deps.runs.started).toEqual([]);
    expect(await deps.jobs.get('job-4')).toMatchObject({ status: 'failed', attempt: 1 });
  });

  it.each(['generating_notes', 'completed'] as const)('answers 409 for a job that is %s', async (status) => {
    const { deps, retry } = await setUp({ status, error: undefined });
    const result = await retry();
    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result).error).toBe('NotFailed');
    expect(deps.runs.started).toEqual([]);
  });

  it('points a completed job whose latest version failed to that version\'s retry', async () => {
    const { retry } = await setUp({ status: 'completed', error: undefined, versions: { '2': notesVersion({ status: 'failed' }) } });
    expect(apiErrorOf(await retry())).toMatchObject({ error: 'NotFailed', message: expect.stringContaining('POST /jobs/{jobId}/notes/2/retry') });
  });

  it('starts one attempt when two retries race', async () => {
    const { deps, retry } = await setUp();
    const results = await Promise.all([retry(), retry()]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([202, 409]);
    expect(deps.runs.started).toHaveLength(1);
  });

  it('answers 404, starting nothing, when a DELETE removed the job after it was read', async () => {
    const { deps, job, retry } = await setUp();
    const heads = deps.objects.head.bind(deps.objects);
    // The DELETE lands while the retry looks for what it can resume from.
    deps.objects.head = async (key) => {
      await deps.jobs.delete(job.jobId, { status: 'failed', attempt: 1, versionStatuses: {} });
      return heads(key);
    };
    const result = await retry();
    expect(result.statusCode).toBe(404);
    expect(apiErrorOf(result).error).toBe('JobNotFound');
    expect(deps.runs.started).toEqual([]);
  });

  it('answers another user\'s job as missing', async () => {
    const { deps, retry } = await setUp();
    expect((await retry('someone-else')).statusCode).toBe(404);
    expect(deps.runs.started).toEqual([]);
  });
});
