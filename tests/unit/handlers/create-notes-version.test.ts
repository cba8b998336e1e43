import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/create-notes-version';
import { makeHandler as makeStartJob } from '../../../lambdas/handlers/start-job';
import { makeHandler as makeRecordFailure } from '../../../lambdas/handlers/record-failure';
import { JobStatusDocumentSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

async function setUp(overrides: Partial<JobRecord> = {}, { transcript = true } = {}) {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-5', status: 'completed', progress: 100, artifacts: { upload: 'uploads/job-5/week-3.vtt', notes: 'jobs/job-5/notes.json', notesMarkdown: 'jobs/job-5/notes.md' }, ...overrides });
  await deps.jobs.create(job);
  if (transcript) deps.objects.put(transcriptKey(job.jobId), '{}');
  const post = (body: unknown, caller = 'student-1') =>
    makeHandler(deps)(apiEvent({ method: 'POST', caller, pathParameters: { jobId: 'job-5' }, body: JSON.stringify(body) }));
  return { deps, job, post };
}

describe('POST /jobs/{jobId}/notes', () => {
  it('adds version 2 to a completed job, leaves the job as it was, and starts its run under the version\'s name', async () => {
    const { deps, job, post } = await setUp();
    const result = await post({ style: 'summary', instructions: 'Keep the formulas.' });

    expect(result.statusCode).toBe(202);
    expect(JobStatusDocumentSchema.parse(jsonBodyOf(result)).versions).toEqual([
      expect.objectContaining({ version: 1, style: 'study', status: 'completed', notesReady: true }),
      expect.objectContaining({ version: 2, style: 'summary', instructions: 'Keep the formulas.', status: 'queued', notesReady: false }),
    ]);
    expect(deps.runs.started).toEqual([{ name: 'job-5-version-2', input: { jobId: 'job-5', attempt: 1, uploadKey: job.artifacts.upload, version: 2 } }]);
    const { versions, ...rest } = (await deps.jobs.get('job-5'))!;
    expect(rest).toEqual(job);
    expect(versions?.['2']).toMatchObject({ style: 'summary', status: 'queued' });
  });

  it('answers a repeated request for the version under way with that version, starting no second run', async () => {
    const { deps, post } = await setUp();
    await post({ style: 'detailed' });
    const again = await post({ style: 'detailed' });

    expect(again.statusCode).toBe(202);
    expect(JobStatusDocumentSchema.parse(jsonBodyOf(again)).versions).toHaveLength(2);
    // Asked under the same name again: the runs port (Step Functions) starts nothing new.
    expect(deps.runs.started.map((run) => run.name)).toEqual(['job-5-version-2']);
  });

  it('refuses another style while a version is under way, and any version of unfinished notes', async () => {
    const { post } = await setUp();
    await post({ style: 'detailed' });
    const other = await post({ style: 'exam-prep' });
    expect(other.statusCode).toBe(409);
    expect(apiErrorOf(other)).toMatchObject({ error: 'VersionUnderWay', message: expect.stringContaining('Version 2 (detailed)') });

    const running = await (await setUp({ status: 'generating_notes' })).post({});
    expect(running.statusCode).toBe(409);
    expect(apiErrorOf(running)).toMatchObject({ error: 'NotesNotReady' });
  });

  it('fails a version whose run is past the time limit, so it no longer blocks the next one', async () => {
    const lost = { version: 2, style: 'detailed', status: 'generating_notes', attempt: 1, createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z', chunksDone: 0, chunksTotal: 3, countedChunks: [] } as const;
    const { deps, post } = await setUp({ versions: { '2': { ...lost, countedChunks: [] } } });
    const result = await post({ style: 'summary' });

    expect(result.statusCode).toBe(202);
    const { versions } = (await deps.jobs.get('job-5'))!;
    expect(versions?.['2']).toMatchObject({ status: 'failed', error: { code: 'RunTimedOut', message: expect.stringContaining('retry this version') } });
    expect(versions?.['3']).toMatchObject({ style: 'summary', status: 'queued' });
  });

  it('answers 400 with a JSON message for an unknown style or instructions over 500 characters', async () => {
    const { deps, post } = await setUp();
    for (const body of [{ style: 'haiku' }, { instructions: 'y'.repeat(501) }, { instructions: '' }]) {
      const result = await post(body);
      expect(result.statusCode, JSON.stringify(body)).toBe(400);
      expect(apiErrorOf(result)).toMatchObject({ error: 'InvalidRequest', message: expect.stringContaining('body') });
    }
    expect(deps.runs.started).toEqual([]);
  });

  it('refuses when the transcript is gone, and answers someone else\'s job as missing', async () => {
    const gone = await (await setUp({}, { transcript: false })).post({});
    expect(gone.statusCode).toBe(409);
    expect(apiErrorOf(gone)).toMatchObject({ error: 'TranscriptGone' });
    const { post } = await setUp();
    expect((await post({}, 'student-2')).statusCode).toBe(404);
  });

  it('lets a version run claim its version once, from the stored transcript, and fails only the version when it fails', async () => {
    const { deps, post } = await setUp();
    await post({ style: 'exam-prep' });
    const startJob = makeStartJob({ ...deps, limits: deps.limits });
    const input = deps.runs.started[0]!.input as never;

    expect(await startJob({ run: input, runId: 'exec-1' })).toMatchObject({ duplicate: false, hasTranscript: true, version: 2, request: { style: 'exam-prep' } });
    expect(await startJob({ run: input, runId: 'exec-2' })).toMatchObject({ duplicate: true });

    await makeRecordFailure(deps)({ jobId: 'job-5', attempt: 1, version: 2, error: { Error: 'ProviderUnavailable', Cause: 'OpenAI answered 503' } });
    const stored = (await deps.jobs.get('job-5'))!;
    expect(stored.status).toBe('completed');
    expect(stored.error).toBeUndefined();
    expect(stored.versions?.['2']).toMatchObject({ status: 'failed', error: { code: 'ProviderUnavailable' } });
    // A failed version leaves room for the next.
    expect((await post({ style: 'summary' })).statusCode).toBe(202);
    expect((await deps.jobs.get('job-5'))!.versions?.['3']).toMatchObject({ style: 'summary', status: 'queued' });
  });
});
