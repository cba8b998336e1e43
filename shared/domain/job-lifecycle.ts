import type { JobRecord, NotesVersion, PastAttempt } from '../contracts/job';
import { JOB_STATUSES, type JobStatus } from '../contracts/job-status';
import { isTerminal } from './job-status-rules';

/* The rules of a job's life. Steps run more than once (retries, at-least-once
   events, a Map iteration run twice) and users retry and delete while a run
   goes on, so every write to a job is allowed by one of these rules or not
   made at all. Both job repositories follow them: the in-memory one applies the
   predicates to the record; the DynamoDB one writes each rule as the condition
   of a single write, built from the statuses and fields exported here. */

const order = (status: JobStatus) => JOB_STATUSES.indexOf(status);

/**
 * Advance only forward. A job may skip stages (captions need no
 * transcription), it can fail from any unfinished stage, and a finished job
 * never changes again.
 */
export function canAdvance(from: JobStatus, to: JobStatus): boolean {
  if (isTerminal(from)) return false;
  if (to === 'failed') return true;
  return order(to) > order(from);
}

/** The statuses a job may be in for a move to `to` to be allowed. */
export const statusesBefore = (to: JobStatus): JobStatus[] => JOB_STATUSES.filter((from) => canAdvance(from, to));

/** Progress only rises, and only in the stage it measures: a late report from an earlier stage changes nothing. */
export const raisesProgress = (job: Pick<JobRecord, 'status' | 'progress'>, status: JobStatus, progress: number): boolean =>
  job.status === status && job.progress < progress;

/** The statuses a run may claim a job in: waiting for its upload, or reopened for a retry. */
export const CLAIMABLE_STATUSES = ['awaiting_upload', 'queued'] as const satisfies readonly JobStatus[];
/** Where a claimed job stands: queued for the run that claimed it. */
export const CLAIMED_STATUS: JobStatus = 'queued';

/**
 * Claim a run: one run carries a job's attempt. A run may claim the job while
 * it is in a claimable status and no run has claimed it; any other run (one
 * started by a repeated upload event) must then do nothing.
 */
export const isClaimable = (job: Pick<JobRecord, 'status' | 'runId'>): boolean =>
  job.runId === undefined && (CLAIMABLE_STATUSES as readonly JobStatus[]).includes(job.status);

/** The run that claimed the job keeps it when it asks again, as a retried first step does. */
export const isClaimedBy = (job: Pick<JobRecord, 'runId'>, runId: string): boolean => job.runId === runId;

/**
 * A run speaks only for the attempt it was started for: once the job is
 * reopened for a retry, a run of an earlier attempt neither claims it nor fails it.
 */
export const isCurrentAttempt = (job: Pick<JobRecord, 'attempt'>, attempt: number): boolean => job.attempt === attempt;

/** The only stage in which finished chunks are counted: before it nothing is written, after it the tally is final. */
export const COUNTING_STATUS: JobStatus = 'generating_notes';

/**
 * Count a chunk once: a chunk's notes, and the tokens they cost, are counted
 * while notes are being written, and once per chunk index however often its
 * step runs.
 */
export const countsChunk = (job: Pick<JobRecord, 'status'>, counted: ReadonlySet<number>, chunkIndex: number): boolean =>
  job.status === COUNTING_STATUS && !counted.has(chunkIndex);

/** The stage the reduce step runs in: the job stays in it from the merge until it completes. */
export const REDUCING_STATUS: JobStatus = 'merging';

/** Count the reduce step's tokens once: while it runs, and once per job however often its step runs. */
export const countsReduce = (job: Pick<JobRecord, 'status'>, counted: boolean): boolean => job.status === REDUCING_STATUS && !counted;

/**
 * Add usage in any status: a step of a running job, a failed one's
 * RecordFailure and a completed job's later version all cost something. It is
 * an addition, so concurrent steps never lose each other's, and it touches
 * nothing else (not even updatedAt); it never creates a job that was deleted.
 * A retried step adds its usage again, as AWS bills it again.
 */
export const addsUsage = <Job extends Pick<JobRecord, 'status'>>(job: Job | undefined): job is Job => job !== undefined;

/** The only status a job can be reopened from. */
export const REOPENABLE_STATUS: JobStatus = 'failed';
/** Where a reopened job stands: queued, with no run yet, for the next attempt's run to claim. */
export const REOPENED_STATUS: JobStatus = 'queued';

/**
 * Reopen a failed job: only a failed job, and only from the attempt that
 * failed, so two retries racing for it open one attempt. The failure stays in
 * the job's past attempts: this answers it as kept there, or undefined when
 * the job may not be reopened from `attempt`.
 */
export function attemptToReopen(job: Pick<JobRecord, 'status' | 'attempt' | 'error' | 'stageTimes' | 'updatedAt'>, attempt: number): PastAttempt | undefined {
  if (job.status !== REOPENABLE_STATUS || job.attempt !== attempt || !job.error) return undefined;
  return { attempt, failedAt: job.stageTimes.failed ?? job.updatedAt, ...job.error };
}

/** What a deletion compares: a retry reopening the job, or a run claiming it, changes one of them. */
export const AS_READ_FIELDS = ['status', 'attempt'] as const satisfies readonly (keyof JobRecord)[];
/** The job's fields a deletion compares, and each version's status by number: asking for a version, or retrying one, changes those. */
export type JobAsRead = Pick<JobRecord, (typeof AS_READ_FIELDS)[number]> & { versionStatuses: Record<string, JobStatus> };

/** A job as a deletion reads it. */
export const jobAsRead = (job: Pick<JobRecord, (typeof AS_READ_FIELDS)[number] | 'versions'>): JobAsRead => ({
  status: job.status,
  attempt: job.attempt,
  versionStatuses: Object.fromEntries(Object.entries(job.versions ?? {}).map(([number, version]) => [number, version.status])),
});

/**
 * Delete only as read: a job is deleted only while it is still in the status
 * and attempt it was read in, with the same versions in the same statuses, so
 * a retry (or an upload starting a run, or a version asked for) racing the
 * delete wins or loses whole.
 */
export function isAsRead(job: Pick<JobRecord, (typeof AS_READ_FIELDS)[number] | 'versions'>, read: JobAsRead): boolean {
  const now = jobAsRead(job);
  const numbers = Object.keys(read.versionStatuses);
  return (
    AS_READ_FIELDS.every((field) => now[field] === read[field]) &&
    Object.keys(now.versionStatuses).length === numbers.length &&
    numbers.every((number) => now.versionStatuses[number] === read.versionStatuses[number])
  );
}

/* Versions. A finished job's record is never rewritten: a later version of
   its notes only extends it, with a version record of its own that follows the
   same forward-only rules. A version that fails is failed alone; the job, its
   first notes and every other version stay as they were. */

/** Only a completed job gets another version: its transcript is stored and its first notes are done. */
export const VERSIONABLE_STATUS: JobStatus = 'completed';
/** Where a new version stands: queued, with no run yet, for its run to claim. */
export const NEW_VERSION_STATUS: JobStatus = 'queued';

/** The version still being written, if any: a job writes one version at a time. */
export const unfinishedVersion = (job: Pick<JobRecord, 'versions'>): NotesVersion | undefined =>
  Object.values(job.versions ?? {}).find((version) => !isTerminal(version.status));

/** The number the next version gets: one above the highest, version 1 being the job itself. */
export const nextVersionNumber = (job: Pick<JobRecord, 'versions'>): number =>
  Math.max(1, ...Object.values(job.versions ?? {}).map((version) => version.version)) + 1;

/** Add a version only to a completed job, and only under a number no version has: two POSTs racing add one. */
export const canAddVersion = (job: Pick<JobRecord, 'status' | 'versions'>, version: number): boolean =>
  job.status === VERSIONABLE_STATUS && job.versions?.[String(version)] === undefined;

/** The only status a version can be retried from, as for a job. */
export const REOPENABLE_VERSION_STATUS: JobStatus = 'failed';

/**
 * Reopen a failed version for its next attempt: only a failed version, only
 * from the attempt that failed, so two retries racing for it open one attempt,
 * and only while no other version is being written (one at a time).
 */
export const canReopenVersion = (job: Pick<JobRecord, 'versions'>, version: number, attempt: number): boolean => {
  const stored = job.versions?.[String(version)];
  return stored?.status === REOPENABLE_VERSION_STATUS && stored.attempt === attempt && unfinishedVersion(job) === undefined;
};

/** Claim a version's run: one run writes a version; the run that claimed it keeps it when it asks again. */
export const isVersionClaimable = (version: Pick<NotesVersion, 'status' | 'runId'>, runId: string): boolean =>
  version.runId === runId || (version.runId === undefined && version.status === NEW_VERSION_STATUS);

/** Count a version's chunk once, while its notes are being written. */
export const countsVersionChunk = (version: Pick<NotesVersion, 'status' | 'countedChunks'>, chunkIndex: number): boolean =>
  version.status === COUNTING_STATUS && !version.countedChunks.includes(chunkIndex);
