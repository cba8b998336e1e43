import * as z from 'zod';
import { DEFAULT_NOTES_REQUEST, NotesRequestSchema, SourceKindSchema } from './job';

/**
 * The state machine's input, whoever starts the run: start-run maps an upload
 * event to it, and a retry (or a runtime re-driving a run it lost) sends it for
 * the next attempt. It names the job and the attempt; what the job is (its
 * file, its kind, how far it got) StartJob reads from the jobs table.
 */
export const RunInputSchema = z.object({
  jobId: z.string().min(1),
  /** The job's attempt this run is for: 1 for the upload, one more for each retry. */
  attempt: z.number().int().positive(),
  /** The upload the run is for: the object that arrived, or the job's stored upload on a retry. */
  uploadKey: z.string().min(1),
  /** Present for a later version of a finished job's notes: the run writes that version from the stored transcript. */
  version: z.number().int().min(2).optional(),
});
export type RunInput = z.infer<typeof RunInputSchema>;

/* Each step's result lands under its own path of the state ($.job,
   $.transcription, ...), and each step reads only the paths it needs. State
   carries keys and counts; text lives in S3. */

export const JobRefSchema = z.object({
  jobId: z.string(),
  uploadKey: z.string(),
  sourceKind: SourceKindSchema,
  /**
   * True when this run is not the one to carry the job (a repeated upload
   * event, a run of an attempt the job has left): it stops without doing anything.
   */
  duplicate: z.boolean(),
  /** True when an earlier attempt stored the transcript: a retry resumes after transcription. */
  hasTranscript: z.boolean(),
  /** Which version of the notes the run writes: 1 for the upload's run (and its retries). */
  version: z.number().int().positive().default(1),
  /** The style and wishes that version is written in. */
  request: NotesRequestSchema.default(DEFAULT_NOTES_REQUEST),
});
export type JobRef = z.infer<typeof JobRefSchema>;

/** The transcription in the provider's hands, and when to ask about it next: SubmitTranscription starts it, each CheckTranscription renews it. */
export const TranscriptionRefSchema = z.object({
  transcriptId: z.string(),
  submittedAt: z.string(),
  /** When the provider should be done, in seconds after submit, from the recording's length and the provider's stated speed. */
  expectedSeconds: z.number().nonnegative(),
  /** How long WaitForTranscript waits before the next check (its SecondsPath). */
  waitSeconds: z.number().int().positive(),
  /** True once the transcript is stored, at transcriptKey(jobId). */
  ready: z.boolean(),
});
export type TranscriptionRef = z.infer<typeof TranscriptionRefSchema>;

export const TranscriptRefSchema = z.object({
  ready: z.boolean(),
  transcriptKey: z.string().optional(),
});
export type TranscriptRef = z.infer<typeof TranscriptRefSchema>;

export const ChunksRefSchema = z.object({
  keys: z.array(z.string()),
  count: z.number().int().positive(),
});
export type ChunksRef = z.infer<typeof ChunksRefSchema>;

export const MergedNotesRefSchema = z.object({
  mergedKey: z.string(),
});
export type MergedNotesRef = z.infer<typeof MergedNotesRefSchema>;

export const NotesRefSchema = z.object({
  notesKey: z.string(),
  markdownKey: z.string(),
});
export type NotesRef = z.infer<typeof NotesRefSchema>;

/** One Map iteration's input, built by the Map's ItemSelector. */
export const ChunkTaskSchema = z.object({
  jobId: z.string(),
  chunkKey: z.string(),
  chunkIndex: z.number().int().nonnegative(),
  version: z.number().int().positive().default(1),
  request: NotesRequestSchema.default(DEFAULT_NOTES_REQUEST),
});
export type ChunkTask = z.infer<typeof ChunkTaskSchema>;

/** What a Catch puts at $.error. */
export const CaughtErrorSchema = z.object({
  Error: z.string(),
  Cause: z.string().optional(),
});
export type CaughtError = z.infer<typeof CaughtErrorSchema>;

/** StartJob also gets the execution's id, so a duplicate event's run can tell itself apart. */
export const StartJobInputSchema = z.object({ run: RunInputSchema, runId: z.string().min(1) });
export const SubmitTranscriptionInputSchema = z.object({ job: JobRefSchema });
export const CheckTranscriptionInputSchema = z.object({ job: JobRefSchema, transcription: TranscriptionRefSchema });
export const ImportCaptionsInputSchema = z.object({ job: JobRefSchema });
export const ChunkTranscriptInputSchema = z.object({ job: JobRefSchema });
export const GenerateChunkNotesInputSchema = ChunkTaskSchema;
export const MergeNotesInputSchema = z.object({ job: JobRefSchema, chunks: ChunksRefSchema });
export const ReduceNotesInputSchema = z.object({ job: JobRefSchema, merged: MergedNotesRefSchema });
export const CompleteJobInputSchema = z.object({ job: JobRefSchema, notes: NotesRefSchema });
/** The run input is the state's root, so the failed job is known even when StartJob itself failed. */
export const RecordFailureInputSchema = RunInputSchema.pick({ jobId: true, attempt: true, version: true }).extend({ error: CaughtErrorSchema });
