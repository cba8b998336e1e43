import type { AwsUsage, JobArtifacts, JobFailure, JobRecord, NotesVersion } from '../contracts/job';
import type { JobStatus } from '../contracts/job-status';
import type { TokenUsage } from '../contracts/notes';
import type { JobAsRead } from '../domain/job-lifecycle';

export interface JobAdvance {
  artifacts?: Partial<JobArtifacts>;
  chunksTotal?: number;
  transcriptionId?: string;
  audioSeconds?: number;
}

/** What a version's step records as the version moves forward. */
export interface VersionAdvance {
  chunksTotal?: number;
  notes?: string;
  notesMarkdown?: string;
  error?: JobFailure;
}

export interface ChunkTally {
  chunksDone: number;
  chunksTotal: number;
}

/**
 * The jobs table. Every write is allowed by a rule of a job's life
 * (shared/domain/job-lifecycle.ts) or not made: status only moves forward, a
 * finished job is never rewritten, progress never goes down, one run claims an
 * attempt, a chunk and the reduce are counted once, a failed job is reopened once, a job is
 * deleted only as it was read.
 */
export interface JobRepository {
  /** Fails when a job with this id exists. */
  create(job: JobRecord): Promise<void>;
  get(jobId: string): Promise<JobRecord | undefined>;
  /** The owner's most recent jobs, newest first. */
  listByOwner(owner: string, limit: number): Promise<JobRecord[]>;
  /**
   * Every job with work under way, in no particular order: the job has neither
   * completed nor failed, or a version of its notes has not. That is what a
   * runtime that lost its runs (a crash, a kill) must look at again.
   * It reads the whole table, so it is for a start-up check, not for requests.
   */
  listUnfinished(): Promise<JobRecord[]>;
  /**
   * Moves the job to `to` and records when. True when the job is now in `to`
   * (also when it already was: a retried step is not an error); false when the
   * job is past `to` or finished, and nothing was written.
   */
  advance(jobId: string, to: JobStatus, changes?: JobAdvance): Promise<boolean>;
  /** Counts a chunk once, however often its step runs; adds its token usage once too. */
  recordChunkDone(jobId: string, chunkIndex: number, usage: TokenUsage): Promise<ChunkTally>;
  /** Adds the reduce step's token usage once, however often its step runs; true when this call added it. */
  recordReduceDone(jobId: string, usage: TokenUsage): Promise<boolean>;
  /**
   * Takes the job for one pipeline run: a job waiting for its upload, or
   * reopened for a retry, moves to queued and records `runId`. True for the
   * run that took it (also when that run asks again after a retried step);
   * false for any other run, such as one started by a duplicate upload event,
   * which must then do nothing.
   */
  startRun(jobId: string, runId: string): Promise<boolean>;
  /**
   * Opens a failed job for another attempt: back to queued, attempt one
   * higher, the failure kept in pastAttempts. Only from `failed` and only
   * from `attempt`, so two retries racing start one attempt; true when written (false for a job
   * deleted meanwhile).
   * `forgetTranscription` drops the provider's transcript id when that
   * transcription itself failed and must be submitted again.
   */
  reopen(jobId: string, attempt: number, options: { forgetTranscription: boolean }): Promise<boolean>;
  /**
   * Deletes the record only while it is still in the status and attempt it was read in, so a
   * retry (or an upload starting a run) racing the delete wins or loses whole; true when deleted.
   */
  delete(jobId: string, expected: JobAsRead): Promise<boolean>;
  /** Raises progress while the job is in `status`; a lower value than stored, or another status, is ignored. */
  raiseProgress(jobId: string, status: JobStatus, progress: number): Promise<void>;
  /**
   * Adds what one invocation used of AWS to the job's usage, in one atomic
   * addition, whatever the job's status (shared/domain/job-lifecycle.ts:
   * addsUsage); a job that no longer exists is not created again.
   */
  addUsage(jobId: string, usage: AwsUsage): Promise<void>;
  /** Marks the job failed unless it already finished; true when written. */
  fail(jobId: string, failure: JobFailure): Promise<boolean>;

  /**
   * Extends a completed job with a new version of its notes (shared/domain/job-lifecycle.ts:
   * canAddVersion); the job's own fields are not touched. False when the job is not completed,
   * or a version of that number exists (another request took it), and nothing was written.
   */
  addVersion(jobId: string, version: NotesVersion): Promise<boolean>;
  /** Takes the version for one run, as startRun takes a job; false for any other run. */
  startVersionRun(jobId: string, version: number, runId: string): Promise<boolean>;
  /**
   * Moves the version forward (failed included, with `changes.error`) under the rules of a job's
   * status; true when it is now in `to`, false when it is past `to` or finished.
   */
  advanceVersion(jobId: string, version: number, to: JobStatus, changes?: VersionAdvance): Promise<boolean>;
  /**
   * Reopens a failed version for its next attempt (canReopenVersion): queued again, with no run and no
   * error, its chunk tally kept so the next run counts only what is left. False when the version is not
   * failed at `attempt`, another version is being written, or the job is gone.
   */
  reopenVersion(jobId: string, version: number, attempt: number): Promise<boolean>;
  /** Counts a version's chunk once, however often its step runs. */
  recordVersionChunkDone(jobId: string, version: number, chunkIndex: number): Promise<ChunkTally>;
}
