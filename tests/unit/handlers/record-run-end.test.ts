import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/record-run-end';
import type { JobRecord } from '../../../shared/contracts/job';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, notesVersion } from '../../fixtures/job-record';
import { executionArnOf, runStatusChangeEvent } from '../../fixtures/run-status-change-event';

async function setUp(overrides: Partial<JobRecord> = {}) {
  const deps = testDependencies();
  const job = jobRecord({ jobId: 'job-4', status: 'generating_notes', runId: executionArnOf('job-4-attempt-1'), ...overrides });
  await deps.jobs.create(job);
  return { deps, job, recordRunEnd: makeHandler(deps) };
}

describe('RecordRunEnd (the run-end rule\'s target)', () => {
  it('fails only the version whose run timed out, leaving the completed job as it was', async () => {
    const version = { version: 2, style: 'summary', status: 'merging', attempt: 1, createdAt: 'x', updatedAt: 'x', chunksDone: 1, chunksTotal: 1, countedChunks: [0] } as const;
    const { deps, job, recordRunEnd } = await setUp({
      status: 'completed',
      versions: { '2': { ...version, countedChunks: [0], runId: executionArnOf('job-4-version-2') } },
    });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-version-2', 'TIMED_OUT', { error: 'States.Timeout' }))).toEqual({ recorded: true });
    const { versions, ...stored } = (await deps.jobs.get('job-4'))!;
    expect(stored).toEqual((({ versions: _, ...rest }) => rest)(job));
    expect(versions?.['2']).toMatchObject({ status: 'failed', error: { code: 'RunTimedOut', stage: 'merging' } });
    // A late second event, or one of another run under that name, changes nothing.
    expect(await recordRunEnd(runStatusChangeEvent('job-4-version-2', 'TIMED_OUT'))).toEqual({ recorded: false });
    expect(deps.metrics.events).toEqual([]);
  });

  it("ignores a late end of a version's earlier attempt once the version was retried, and fails the current attempt's", async () => {
    const { deps, recordRunEnd } = await setUp({ status: 'completed', versions: { '2': notesVersion({ status: 'generating_notes', attempt: 2 }) } });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-version-2', 'ABORTED'))).toEqual({ recorded: false });
    expect((await deps.jobs.get('job-4'))?.versions?.['2']).toMatchObject({ status: 'generating_notes', attempt: 2 });

    expect(await recordRunEnd(runStatusChangeEvent('job-4-version-2-attempt-2', 'ABORTED'))).toEqual({ recorded: true });
    expect((await deps.jobs.get('job-4'))?.versions?.['2']).toMatchObject({ status: 'failed', error: { code: 'RunAborted' } });
  });

  it('fails the job of a run that timed out, saying so and to retry it', async () => {
    const { deps, recordRunEnd } = await setUp();
    expect(await recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'TIMED_OUT', { error: 'States.Timeout' }))).toEqual({ recorded: true });

    const job = await deps.jobs.get('job-4');
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatchObject({ code: 'RunTimedOut', stage: 'generating_notes' });
    expect(job?.error?.message).toMatch(/timed out after 45 minutes.*Retry the job/);
    expect(deps.metrics.events).toEqual([{ event: 'jobFailed', detail: { stage: 'generating_notes' } }]);
  });

  it('fails the job of an aborted run and of one that failed outside a Catch', async () => {
    const aborted = await setUp();
    await aborted.recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'ABORTED'));
    expect((await aborted.deps.jobs.get('job-4'))?.error?.code).toBe('RunAborted');

    const failed = await setUp({ status: 'chunking' });
    await failed.recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'FAILED', { error: 'States.Runtime', cause: 'bad path' }));
    expect((await failed.deps.jobs.get('job-4'))?.error).toMatchObject({ code: 'States.Runtime', stage: 'chunking' });
  });

  it('fails a job whose run ended before StartJob took it (no run recorded yet)', async () => {
    const { deps, recordRunEnd } = await setUp({ status: 'awaiting_upload', runId: undefined });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'TIMED_OUT'))).toEqual({ recorded: true });
    expect((await deps.jobs.get('job-4'))?.status).toBe('failed');
  });

  it('leaves a retried job alone when a late event tells of an earlier attempt', async () => {
    const { deps, job, recordRunEnd } = await setUp({ attempt: 2, runId: executionArnOf('job-4-attempt-2') });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'TIMED_OUT'))).toEqual({ recorded: false });
    expect(await deps.jobs.get('job-4')).toEqual(job);
    expect(deps.metrics.events).toEqual([]);
  });

  it('leaves the job alone when another run holds it under the same name (a different execution)', async () => {
    const { deps, job, recordRunEnd } = await setUp({ runId: 'arn:aws:states:eu-west-1:123456789012:execution:Other:job-4-attempt-1' });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'FAILED'))).toEqual({ recorded: false });
    expect(await deps.jobs.get('job-4')).toEqual(job);
  });

  it.each(['completed', 'failed'] as const)('never rewrites a job already %s (RecordFailure got there first)', async (status) => {
    const error = status === 'failed' ? { message: 'week-3.vtt has no caption text.', stage: 'queued' as const, code: 'InvalidCaptions' } : undefined;
    const { deps, job, recordRunEnd } = await setUp({ status, error });
    expect(await recordRunEnd(runStatusChangeEvent('job-4-attempt-1', 'FAILED', { error: 'InvalidCaptions' }))).toEqual({ recorded: false });
    expect(await deps.jobs.get('job-4')).toEqual(job);
    expect(deps.metrics.events).toEqual([]);
  });

  it('records nothing for a run no job of this app was named after', async () => {
    const { deps, recordRunEnd } = await setUp();
    expect(await recordRunEnd(runStatusChangeEvent('some-console-test', 'FAILED'))).toEqual({ recorded: false });
    expect(await recordRunEnd(runStatusChangeEvent('job-404-attempt-1', 'FAILED'))).toEqual({ recorded: false });
    expect(deps.jobs.all().map((job) => job.status)).toEqual(['generating_notes']);
  });

  it('refuses an event that is not a run ending unfinished, naming what is wrong', async () => {
    const { recordRunEnd } = await setUp();
    const succeeded = runStatusChangeEvent('job-4-attempt-1', 'FAILED');
    await expect(recordRunEnd({ ...succeeded, detail: { ...succeeded.detail, status: 'SUCCEEDED' } })).rejects.toThrow(/RecordRunEnd.*detail\.status/);
  });
});
