import * as z from 'zod';
import { JobStatusSchema } from './job-status';
import { TokenUsageSchema } from './notes';
import { DEFAULT_NOTES_STYLE, MAX_NOTES_INSTRUCTIONS, NOTES_STYLE_NAMES } from '../domain/notes-styles';

export const SourceKindSchema = z.enum(['audio', 'captions']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const JobArtifactsSchema = z.object({
  upload: z.string(),
  transcript: z.string().optional(),
  chunksPrefix: z.string().optional(),
  notes: z.string().optional(),
  notesMarkdown: z.string().optional(),
});
export type JobArtifacts = z.infer<typeof JobArtifactsSchema>;

export const JobFailureSchema = z.object({
  /** Written for the person who uploaded the lecture: what went wrong and what to do. */
  message: z.string(),
  /** The stage the job was in when it failed. */
  stage: JobStatusSchema,
  /** Machine-readable error name, as Step Functions saw it. */
  code: z.string(),
});
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** Time each stage was entered, ISO 8601. */
export const StageTimesSchema = z.partialRecord(JobStatusSchema, z.string());
export type StageTimes = z.infer<typeof StageTimesSchema>;

/**
 * What a job's pipeline runs used of AWS, every attempt and version, each
 * invocation adding its own (lambdas/runtime/invocation-meter.ts): the billed
 * units, as the services count them.
 */
export const AwsUsageSchema = z.object({
  /** States entered, retries included: what a Standard workflow bills. */
  stateTransitions: z.number().nonnegative(),
  lambdaRequests: z.number().nonnegative(),
  /** Each invocation's billed milliseconds times its function's memory in MB (GB-seconds × 1,024,000), whole numbers so additions stay exact. */
  lambdaMbMilliseconds: z.number().nonnegative(),
  /** PUT, COPY, POST and LIST requests, S3's dearer tier. */
  s3WriteRequests: z.number().nonnegative(),
  /** GET, HEAD and every other request. */
  s3ReadRequests: z.number().nonnegative(),
  /** Request units, as DynamoDB reports them consumed. */
  dynamoWriteUnits: z.number().nonnegative(),
  dynamoReadUnits: z.number().nonnegative(),
});
export type AwsUsage = z.infer<typeof AwsUsageSchema>;
export const AWS_USAGE_FIELDS = Object.keys(AwsUsageSchema.shape) as (keyof AwsUsage)[];

/** Provider usage (audio, tokens of the first notes) and AWS usage; the AWS part is absent until the first invocation adds it. */
export const JobUsageSchema = TokenUsageSchema.extend({
  audioSeconds: z.number().nonnegative(),
  ...AwsUsageSchema.partial().shape,
});
export type JobUsage = z.infer<typeof JobUsageSchema>;

/** An attempt that failed, kept when the job is retried. */
export const PastAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  failedAt: z.string(),
  stage: JobStatusSchema,
  code: z.string(),
  message: z.string(),
});
export type PastAttempt = z.infer<typeof PastAttemptSchema>;

export const NotesStyleSchema = z.enum(NOTES_STYLE_NAMES);

/** What a version of the notes is asked for (shared/domain/notes-styles.ts). */
export const NotesRequestSchema = z.object({
  style: NotesStyleSchema,
  instructions: z.string().max(MAX_NOTES_INSTRUCTIONS).optional(),
});
export type NotesRequest = z.infer<typeof NotesRequestSchema>;
export const DEFAULT_NOTES_REQUEST: NotesRequest = { style: DEFAULT_NOTES_STYLE };

/**
 * A later version of a finished job's notes, written from the stored
 * transcript by its own run. It has its own status, so a version that fails
 * leaves the job, and every other version, as they were.
 */
export const NotesVersionSchema = NotesRequestSchema.extend({
  version: z.number().int().min(2),
  status: JobStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Which run of the version this is: 1 when it was asked for, one more for each retry. Absent in records from before retries. */
  attempt: z.number().int().positive().default(1),
  /** When the current attempt was queued, which its run's time limit counts from; the creation time for the first. */
  queuedAt: z.string().optional(),
  /** The run (execution id) that took the version's current attempt. */
  runId: z.string().optional(),
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  /** The chunk indexes counted in chunksDone: each once, however often its step runs. */
  countedChunks: z.array(z.number().int().nonnegative()),
  notes: z.string().optional(),
  notesMarkdown: z.string().optional(),
  error: JobFailureSchema.optional(),
});
export type NotesVersion = z.infer<typeof NotesVersionSchema>;

/** The job as stored in the jobs table. */
export const JobRecordSchema = z.object({
  jobId: z.string(),
  owner: z.string(),
  status: JobStatusSchema,
  progress: z.number().min(0).max(100),
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sourceKind: SourceKindSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  stageTimes: StageTimesSchema,
  artifacts: JobArtifactsSchema,
  usage: JobUsageSchema,
  /** Epoch seconds after which the table's TTL deletes the record. */
  expiresAt: z.number().int().positive().optional(),
  /** Which run of the pipeline this is: 1 for the upload, one more for each retry. */
  attempt: z.number().int().positive(),
  pastAttempts: z.array(PastAttemptSchema),
  /** The pipeline run (execution id) that took the upload. */
  runId: z.string().optional(),
  transcriptionId: z.string().optional(),
  error: JobFailureSchema.optional(),
  /** The style of the first version of the notes, chosen at upload; absent for the default. */
  style: NotesStyleSchema.optional(),
  /** The later versions of the notes, by version number (2, 3, ...); version 1 is the job itself. */
  versions: z.record(z.string(), NotesVersionSchema).optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;
