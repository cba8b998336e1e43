import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../../shared/contracts/job-status';
import { overdueFailure, runEndFailure } from '../../../shared/domain/failure-message';
import { PIPELINE_TIMEOUT_SECONDS } from '../../../shared/domain/pipeline-limits';
import { isOverdue, OVERDUE_MARGIN_SECONDS } from '../../../shared/domain/run-deadline';
import { parseRunName, parseVersionRunName, runName, versionRunName } from '../../../shared/domain/run-names';

const QUEUED_AT = '2030-05-04T09:00:00.000Z';
const after = (seconds: number) => new Date(Date.parse(QUEUED_AT) + seconds * 1000);
const LIMIT = PIPELINE_TIMEOUT_SECONDS + OVERDUE_MARGIN_SECONDS;

describe('a job overdue for its run', () => {
  it('is one still unfinished once its run has had the time limit and the margin', () => {
    const job = { status: 'generating_notes' as const, stageTimes: { awaiting_upload: '2030-05-04T08:00:00.000Z', queued: QUEUED_AT } };
    expect(isOverdue(job, after(LIMIT))).toBe(false);
    expect(isOverdue(job, after(LIMIT + 1))).toBe(true);
  });

  it('is judged by when the current run began: a retry reopened later is not overdue', () => {
    const retried = { status: 'queued' as const, stageTimes: { queued: after(LIMIT).toISOString(), failed: QUEUED_AT } };
    expect(isOverdue(retried, after(LIMIT + 60))).toBe(false);
  });

  it.each(JOB_STATUSES.filter((status) => ['awaiting_upload', 'completed', 'failed'].includes(status)))('is never a job that is %s', (status) => {
    expect(isOverdue({ status, stageTimes: { queued: QUEUED_AT } }, after(10 * LIMIT))).toBe(false);
  });

  it('is never a job with no run begun', () => {
    expect(isOverdue({ status: 'transcribing', stageTimes: {} }, after(10 * LIMIT))).toBe(false);
  });

  it('takes another limit when given one', () => {
    const job = { status: 'merging' as const, stageTimes: { queued: QUEUED_AT } };
    expect(isOverdue(job, after(OVERDUE_MARGIN_SECONDS + 11), 10)).toBe(true);
  });
});

describe('run names', () => {
  it('give back the job and attempt they were made of', () => {
    const jobId = '6f1c7d0e-3b7a-4f57-9a43-0c2b4f9a8e11';
    expect(parseRunName(runName(jobId, 3))).toEqual({ jobId, attempt: 3 });
  });

  it.each(['a-random-execution', 'job-attempt-0', 'job-attempt-', '-attempt-2x'])('know no job in %s', (name) => {
    expect(parseRunName(name)).toBeUndefined();
  });

  it("give back a version's job, number and attempt, and are never taken for a job's attempt", () => {
    const jobId = '6f1c7d0e-3b7a-4f57-9a43-0c2b4f9a8e11';
    expect(versionRunName(jobId, 2, 1)).toBe(`${jobId}-version-2`);
    expect(parseVersionRunName(versionRunName(jobId, 2, 1))).toEqual({ jobId, version: 2, attempt: 1 });
    expect(parseVersionRunName(versionRunName(jobId, 3, 4))).toEqual({ jobId, version: 3, attempt: 4 });
    expect(parseRunName(versionRunName(jobId, 3, 4))).toBeUndefined();
    expect(parseVersionRunName(runName(jobId, 2))).toBeUndefined();
  });
});

describe('failures of runs that ended unfinished', () => {
  it('say a timed-out job hit the time limit, in minutes, and to retry it', () => {
    expect(runEndFailure({ status: 'TIMED_OUT', error: 'States.Timeout' }, 'generating_notes')).toEqual({
      code: 'RunTimedOut',
      stage: 'generating_notes',
      message: `The job timed out after ${PIPELINE_TIMEOUT_SECONDS / 60} minutes, the pipeline's time limit, during writing the notes, and was stopped. Retry the job; it resumes from what was already done.`,
    });
  });

  it('say an aborted run was stopped, and to retry it', () => {
    const failure = runEndFailure({ status: 'ABORTED', error: null, cause: null }, 'transcribing');
    expect(failure).toMatchObject({ code: 'RunAborted', stage: 'transcribing' });
    expect(failure.message).toMatch(/stopped during transcription.*Retry the job/);
  });

  it("keep a failed run's error as the code and explain it", () => {
    const failure = runEndFailure({ status: 'FAILED', error: 'States.Runtime', cause: 'An error occurred while executing the state ChunkTranscript' }, 'chunking');
    expect(failure).toMatchObject({ code: 'States.Runtime', stage: 'chunking' });
    expect(failure.message).toMatch(/failed unexpectedly during splitting the transcript \(States\.Runtime\)\. Retry the job/);
    expect(runEndFailure({ status: 'FAILED' }, 'queued').code).toBe('RunFailed');
  });

  it('say an overdue job passed the time limit, and to retry it', () => {
    expect(overdueFailure('merging')).toMatchObject({ code: 'RunTimedOut', stage: 'merging' });
    expect(overdueFailure('merging').message).toMatch(/still at assembling the notes when the pipeline's 45-minute time limit had passed.*Retry the job/);
  });
});
