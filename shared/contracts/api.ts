import * as z from 'zod';
import { JobStatusSchema } from './job-status';
import { JobUsageSchema, NotesStyleSchema, SourceKindSchema, StageTimesSchema } from './job';
import { MAX_NOTES_INSTRUCTIONS } from '../domain/notes-styles';
import { TranscriptSchema } from './transcript';

/**
 * JSON.parse accepts a lone UTF-16 surrogate (`"\ud800"`); stored and sent back, it breaks every
 * strict JSON parser and UTF-8 encoder downstream. So text a client sends must be well formed.
 */
const wellFormedText = (maxLength: number) =>
  z.string().trim().min(1).max(maxLength).refine((value) => value.isWellFormed(), 'must be well-formed Unicode text (it contains a lone surrogate)');

export const CreateJobRequestSchema = z.object({
  fileName: wellFormedText(255),
  contentType: wellFormedText(127),
  sizeBytes: z.number().int().positive(),
  /** The style of the first version of the notes; study notes when absent. */
  style: NotesStyleSchema.optional(),
});
export type CreateJobRequest = z.infer<typeof CreateJobRequestSchema>;

/**
 * How the client must send the file: a multipart/form-data POST to `url` with every field as
 * given, then the file as the last field, named `file`. The signed policy in the fields holds the
 * upload to its key, content type and exact declared size.
 */
export const UploadInstructionsSchema = z.object({
  url: z.string().url(),
  method: z.literal('POST'),
  fields: z.record(z.string(), z.string()),
});
export type UploadInstructions = z.infer<typeof UploadInstructionsSchema>;

export const CreateJobResponseSchema = z.object({
  jobId: z.string(),
  upload: UploadInstructionsSchema,
  expiresAt: z.string(),
});
export type CreateJobResponse = z.infer<typeof CreateJobResponseSchema>;

/** `POST /jobs/{jobId}/notes`: a new version of a finished job's notes, from its stored transcript. */
export const CreateNotesVersionRequestSchema = z.object({
  style: NotesStyleSchema.optional(),
  /** The reader's own wishes; the model reads them as data, the offline engine cannot follow them. */
  instructions: wellFormedText(MAX_NOTES_INSTRUCTIONS).optional(),
});
export type CreateNotesVersionRequest = z.infer<typeof CreateNotesVersionRequestSchema>;

/** One version of the job's notes, as its owner sees it: version 1 is the upload's. */
export const NotesVersionDocumentSchema = z.object({
  version: z.number().int().positive(),
  style: NotesStyleSchema,
  instructions: z.string().optional(),
  status: JobStatusSchema,
  progress: z.number().min(0).max(100),
  createdAt: z.string(),
  error: z.object({ message: z.string(), stage: JobStatusSchema }).optional(),
  notesReady: z.boolean(),
});
export type NotesVersionDocument = z.infer<typeof NotesVersionDocumentSchema>;

/** One line of a job's cost: what was used, at what rate (US dollars per `per` units), and what that comes to. */
export const CostLineSchema = z.object({
  item: z.string(),
  /** transcription and notes are provider fees; aws is the stack's own per-use charges. */
  group: z.enum(['transcription', 'notes', 'aws']),
  label: z.string(),
  quantity: z.number().nonnegative(),
  unit: z.string(),
  rateUsd: z.number().nonnegative(),
  per: z.number().positive(),
  usd: z.number().nonnegative(),
});
export type CostLine = z.infer<typeof CostLineSchema>;

/** What a job has cost so far, line by line, from what it used (shared/domain/job-cost.ts). */
export const CostLedgerSchema = z.object({
  totalUsd: z.number().nonnegative(),
  /** When the default rates were last checked against the providers' pages (shared/domain/provider-rates.ts). */
  ratesCheckedOn: z.string(),
  lines: z.array(CostLineSchema),
});
export type CostLedger = z.infer<typeof CostLedgerSchema>;

/** What `GET /jobs/{jobId}` returns: the job as its owner sees it. */
export const JobStatusDocumentSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  progress: z.number().min(0).max(100),
  chunks: z.object({ done: z.number().int(), total: z.number().int() }),
  fileName: z.string(),
  sourceKind: SourceKindSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  stageTimes: StageTimesSchema,
  usage: JobUsageSchema,
  /** What the job has cost so far: provider fees and AWS charges, line by line, at the configured rates. */
  cost: CostLedgerSchema,
  error: z.object({ message: z.string(), stage: JobStatusSchema }).optional(),
  notesReady: z.boolean(),
  /** Every version of the notes, oldest first: the first is the upload's, each later one a restyling of it. */
  versions: z.array(NotesVersionDocumentSchema),
});
export type JobStatusDocument = z.infer<typeof JobStatusDocumentSchema>;

/** How many jobs `GET /jobs?limit=` returns: `standard` when the query leaves it out, at most `most`. */
export const JOB_LIST_LIMITS = { standard: 20, most: 100 } as const;

/** What `GET /jobs` returns: the caller's recent jobs, newest first. */
export const JobListSchema = z.object({ jobs: z.array(JobStatusDocumentSchema) });
export type JobList = z.infer<typeof JobListSchema>;

/**
 * What `GET /jobs/{jobId}/transcript` returns: the stored transcript's timed text, for reading
 * along and jumping to a moment. Word timings stay behind: a lecture has tens of thousands.
 */
export const TranscriptDocumentSchema = TranscriptSchema.pick({ source: true, language: true, durationSeconds: true, segments: true }).extend({
  jobId: z.string(),
});
export type TranscriptDocument = z.infer<typeof TranscriptDocumentSchema>;

/** The forms `GET /jobs/{jobId}/notes?format=` serves: the notes (Markdown, JSON, Word), the transcript as subtitles, the flashcards for Anki. */
export const NotesFormatSchema = z.enum(['md', 'json', 'docx', 'vtt', 'srt', 'anki']);
export type NotesFormat = z.infer<typeof NotesFormatSchema>;

/**
 * What `GET /jobs/{jobId}/recording` returns: where the page's player reads the upload, until
 * `expiresAt` (ISO 8601); after that the page asks again.
 */
export const RecordingLinkSchema = z.object({ url: z.string().url(), expiresAt: z.string() });
export type RecordingLink = z.infer<typeof RecordingLinkSchema>;

export const ApiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The local runtime's stand-in for Cognito's sign-in (no password; it never exists in AWS). */
export const LocalSignInResponseSchema = z.object({ idToken: z.string(), expiresIn: z.number().int().positive() });
export type LocalSignInResponse = z.infer<typeof LocalSignInResponseSchema>;
