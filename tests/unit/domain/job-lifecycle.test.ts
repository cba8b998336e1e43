import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../../shared/contracts/job-status';
import {
  attemptToReopen,
  canAdvance,
  canReopenVersion,
  countsChunk,
  isAsRead,
  isClaimable,
  jobAsRead,
  isClaimedBy,
  isCurrentAttempt,
  raisesProgress,
  statusesBefore,
} from '../../../shared/domain/job-lifecycle';
import { jobRecord, notesVersion } from '../../fixtures/job-record';

/* The rules read as the product states them; tests/contract/dynamo-job-repository.test.ts checks that both repositories keep them. */
describe('the rules of a job\'s life', () => {
  it('advances only forward, fails from any unfinished stage, and never leaves a finished one', () => {
    expect(canAdvance('queued', 'chunking')).toBe(true);
    expect(canAdvance('chunking', 'transcribing')).toBe(false);
    expect(canAdvance('merging', 'failed')).toBe(true);
    expect(canAdvance('completed', 'failed')).toBe(false);
    expect(canAdvance('failed', 'queued')).toBe(false);
    expect(statusesBefore('failed')).toEqual(JOB_STATUSES.filter((status) => status !== 'completed' && status !== 'failed'));
  });

  it('raises progress only above what is stored, and only in the stage it measures', () => {
    const job = { status: 'generating_notes' as const, progress: 50 };
    expect(raisesProgress(job, 'generating_notes', 51)).toBe(true);
    expect(raisesProgress(job, 'generating_notes', 50)).toBe(false);
    expect(raisesProgress(job, 'transcribing', 80)).toBe(false);
  });

  it('lets a run claim a job waiting for its upload or reopened, once, and keeps it for the run that claimed it', () => {
    expect(isClaimable({ status: 'awaiting_upload' })).toBe(true);
    expect(isClaimable({ status: 'queued' })).toBe(true);
    expect(isClaimable({ status: 'queued', runId: 'run-1' })).toBe(false);
    expect(isClaimable({ status: 'transcribing' })).toBe(false);
    expect(isClaimedBy({ runId: 'run-1' }, 'run-1')).toBe(true);
    expect(isClaimedBy({ runId: 'run-1' }, 'run-2')).toBe(false);
  });

  it('lets a run speak only for the attempt it was started for', () => {
    expect(isCurrentAttempt({ attempt: 2 }, 2)).toBe(true);
    expect(isCurrentAttempt({ attempt: 2 }, 1)).toBe(false);
  });

  it('counts a chunk once, and only while notes are being written', () => {
    const counted = new Set([0, 2]);
    expect(countsChunk({ status: 'generating_notes' }, counted, 1)).toBe(true);
    expect(countsChunk({ status: 'generating_notes' }, counted, 2)).toBe(false);
    expect(countsChunk({ status: 'merging' }, counted, 1)).toBe(false);
  });

  it('reopens only a failed job, only from the attempt that failed, keeping the failure', () => {
    const error = { message: 'The provider was down.', stage: 'generating_notes', code: 'ProviderUnavailable' } as const;
    const failed = jobRecord({ status: 'failed', attempt: 2, error, stageTimes: { failed: '2030-05-04T09:30:00.000Z' } });

    expect(attemptToReopen(failed, 2)).toEqual({ attempt: 2, failedAt: '2030-05-04T09:30:00.000Z', ...error });
    expect(attemptToReopen(failed, 1)).toBeUndefined();
    expect(attemptToReopen({ ...failed, status: 'merging' }, 2)).toBeUndefined();
  });

  it('deletes a job only while it is in the status and attempt it was read in', () => {
    const read = { status: 'failed', attempt: 1, versionStatuses: {} } as const;
    expect(isAsRead({ status: 'failed', attempt: 1 }, read)).toBe(true);
    expect(isAsRead({ status: 'queued', attempt: 2 }, read)).toBe(false);
    expect(isAsRead({ status: 'queued', attempt: 1 }, { ...read, status: 'awaiting_upload' })).toBe(false);
  });

  it('deletes a job only while its versions are the ones read, each in the status it was read in', () => {
    const done = jobRecord({ status: 'completed', versions: { '2': notesVersion({ status: 'failed' }) } });
    const read = jobAsRead(done);
    expect(read.versionStatuses).toEqual({ '2': 'failed' });
    expect(isAsRead(done, read)).toBe(true);
    expect(isAsRead({ ...done, versions: { '2': notesVersion({ status: 'queued', attempt: 2 }) } }, read)).toBe(false);
    expect(isAsRead({ ...done, versions: { ...done.versions, '3': notesVersion({ version: 3 }) } }, read)).toBe(false);
    expect(isAsRead({ ...done, versions: undefined }, read)).toBe(false);
  });

  it('reopens only a failed version, from the attempt that failed, while no other version is being written', () => {
    const failed = notesVersion({ status: 'failed', attempt: 2 });
    expect(canReopenVersion({ versions: { '2': failed } }, 2, 2)).toBe(true);
    expect(canReopenVersion({ versions: { '2': failed } }, 2, 1)).toBe(false);
    expect(canReopenVersion({ versions: { '2': { ...failed, status: 'merging' } } }, 2, 2)).toBe(false);
    expect(canReopenVersion({ versions: { '2': failed, '3': notesVersion({ version: 3, status: 'generating_notes' }) } }, 2, 2)).toBe(false);
    expect(canReopenVersion({ versions: { '2': failed, '3': notesVersion({ version: 3, status: 'completed' }) } }, 2, 2)).toBe(true);
    expect(canReopenVersion({}, 2, 1)).toBe(false);
  });
});
