import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/retry-notes-version';
import { JobStatusDocumentSchema } from '../../../shared/contracts/api';
import type { NotesVersion } from '../../../shared/contracts/job';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, notesVersion } from '../../fixtures/job-record';

const failure = { message: 'OpenAI was unavailable.', stage: 'generating_notes', code: 'ProviderUnavailable' } as const;

async function setUp(versions: Record<string, NotesVersion> = { '2': notesVersion({ status: 'failed', error: failure, runId: 'run-1', chunksDone: 2, countedChunks: [0, 1] }) }, { transcript = true } = {}) {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-4', status: 'completed', progress: 100, versions });
  await deps.jobs.create(job);
  if (transcript) deps.objects.put(transcriptKey(job.jobId), '{}');
  const retry = (version = '2', caller = 'student-1') =>
    makeHandler(deps)(apiEvent({ method: 'POST', caller, pathParameters: { jobId: 'job-4', version } }));
  return { deps, job, retry };
}

describe('POST /jobs/{jobId}/notes/{version}/retry', () => {
  it("starts the failed version's next attempt under its own run name, keeping what it counted, and answers 202", async () => {
    const { deps, job, retry } = await setUp();
    const result = await retry();

    expect(result.statusCode).toBe(202);
    const document = JobStatusDocumentSchema.parse(jsonBodyOf(result));
    expect(document.status).toBe('completed');
    expect(document.versions.at(-1)).toMatchObject({ version: 2, status: 'queued' });
    expect(deps.runs.started).toEqual([
      { name: 'job-4-version-2-attempt-2', input: { jobId: 'job-4', attempt: 1, uploadKey: job.artifacts.upload, version: 2 } },
    ]);
    expect((await deps.jobs.get('job-4'))?.versions?.['2']).toMatchObject({ attempt: 2, queuedAt: NOW.toISOString(), chunksDone: 2, countedChunks: [0, 1] });
  });

  it('answers 409 for a version that has not failed, and while another version is being written', async () => {
    const running = await setUp({ '2': notesVersion({ status: 'merging' }) });
    expect(apiErrorOf(await running.retry())).toMatchObject({ error: 'NotFailed' });

    const other = await setUp({ '2': notesVersion({ status: 'failed', error: failure }), '3': notesVersion({ version: 3, status: 'generating_notes' }) });
    const refused = await other.retry();
    expect(refused.statusCode).toBe(409);
    expect(apiErrorOf(refused)).toMatchObject({ error: 'RetryUnderWay' });
    expect(other.deps.runs.started).toEqual([]);
  });

  it('answers 409 TranscriptGone, starting nothing, once the transcript has expired', async () => {
    const { deps, retry } = await setUp(undefined, { transcript: false });
    const result = await retry();
    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'TranscriptGone', message: expect.stringContaining('upload the lecture again') });
    expect(deps.runs.started).toEqual([]);
  });

  it('points version 1 to the job\'s own retry, and answers 400 and 404 for a version that is not a number or not there', async () => {
    const { retry } = await setUp();
    expect(apiErrorOf(await retry('1'))).toMatchObject({ error: 'NotAVersionRun', message: expect.stringContaining('POST /jobs/{jobId}/retry') });
    const bad = await retry('two');
    expect(bad.statusCode).toBe(400);
    const missing = await retry('7');
    expect(missing.statusCode).toBe(404);
    expect(apiErrorOf(missing)).toMatchObject({ error: 'VersionNotFound' });
  });

  it("answers 404 for someone else's job", async () => {
    const { deps, retry } = await setUp();
    expect((await retry('2', 'student-2')).statusCode).toBe(404);
    expect(deps.runs.started).toEqual([]);
  });
});
