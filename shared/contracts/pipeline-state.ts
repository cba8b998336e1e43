import { z } from 'zod';
import { SourceKindSchema } from './job';

/**
 * The state machine's input: the EventBridge event for an S3 upload, exactly
 * as the cloud rule delivers it (the local bridge builds the same shape).
 */
export const ObjectCreatedEventSchema = z.object({
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  time: z.string(),
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().int().nonnegative().optional(),
    }),
  }),
});
export type ObjectCreatedEvent = z.infer<typeof ObjectCreatedEventSchema>;

/* Each step's result lands under its own path of the state ($.job,
   $.transcription, ...), and each step reads only the paths it needs. State
   carries keys and counts; text lives in S3. */

export const JobRefSchema = z.object({
  jobId: z.string(),
  uploadKey: z.string(),
  sourceKind: SourceKindSchema,
  /** True when this event repeats one already taken: the run stops without doing anything. */
  duplicate: z.boolean(),
  /** True when an earlier attempt stored the transcript: a retry resumes after transcription. */
  hasTranscript: z.boolean(),
});
export type JobRef = z.infer<typeof JobRefSchema>;

export const TranscriptionRefSchema = z.object({
  transcriptId: z.string(),
  submittedAt: z.string(),
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
});
export type ChunkTask = z.infer<typeof ChunkTaskSchema>;

/** What a Catch puts at $.error. */
export const CaughtErrorSchema = z.object({
  Error: z.string(),
  Cause: z.string().optional(),
});
export type CaughtError = z.infer<typeof CaughtErrorSchema>;

/** StartJob also gets the execution's id, so a duplicate event's run can tell itself apart. */
export const StartJobInputSchema = z.object({ event: ObjectCreatedEventSchema, runId: z.string().min(1) });
export const SubmitTranscriptionInputSchema = z.object({ job: JobRefSchema });
export const CheckTranscriptionInputSchema = z.object({ job: JobRefSchema, transcription: TranscriptionRefSchema });
export const ImportCaptionsInputSchema = z.object({ job: JobRefSchema });
export const ChunkTranscriptInputSchema = z.object({ job: JobRefSchema });
export const GenerateChunkNotesInputSchema = ChunkTaskSchema;
export const MergeNotesInputSchema = z.object({ job: JobRefSchema, chunks: ChunksRefSchema });
export const CompleteJobInputSchema = z.object({ job: JobRefSchema, notes: NotesRefSchema });
export const RecordFailureInputSchema = z.object({
  detail: ObjectCreatedEventSchema.shape.detail.optional(),
  job: JobRefSchema.optional(),
  error: CaughtErrorSchema,
});
