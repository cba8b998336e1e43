import { z } from 'zod';

export const KeyTermSchema = z.object({
  term: z.string().min(1),
  /** Empty when the lecture uses the term without defining it. */
  definition: z.string(),
});
export type KeyTerm = z.infer<typeof KeyTermSchema>;

export const NotesSectionSchema = z.object({
  heading: z.string().min(1),
  /** Seconds from the start of the recording. */
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  points: z.array(z.string().min(1)),
});
export type NotesSection = z.infer<typeof NotesSectionSchema>;

/**
 * What a notes engine returns for one chunk. The OpenAI engine gets this
 * schema as its structured-output format, so keep it JSON-schema friendly:
 * every field required, no unions.
 */
export const ChunkNotesSchema = z.object({
  title: z.string(),
  summary: z.string(),
  keyTerms: z.array(KeyTermSchema),
  sections: z.array(NotesSectionSchema),
});
export type ChunkNotes = z.infer<typeof ChunkNotesSchema>;

export const TokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** Which engine wrote the notes: its kind, and the model it ran. */
export const NotesEngineSchema = z.object({
  kind: z.enum(['openai', 'offline']),
  model: z.string(),
});
export type NotesEngine = z.infer<typeof NotesEngineSchema>;

/** A chunk's notes as stored between the Map and the merge. */
export const StoredChunkNotesSchema = z.object({
  chunkIndex: z.number().int().nonnegative(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  notes: ChunkNotesSchema,
  engine: NotesEngineSchema,
  usage: TokenUsageSchema,
});
export type StoredChunkNotes = z.infer<typeof StoredChunkNotesSchema>;

/** The finished study notes for a whole lecture. */
export const LectureNotesSchema = z.object({
  jobId: z.string(),
  title: z.string(),
  summary: z.string(),
  durationSeconds: z.number().nonnegative(),
  keyTerms: z.array(KeyTermSchema),
  sections: z.array(NotesSectionSchema),
  engine: NotesEngineSchema,
  usage: TokenUsageSchema,
  generatedAt: z.string(),
});
export type LectureNotes = z.infer<typeof LectureNotesSchema>;
