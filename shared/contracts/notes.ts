import * as z from 'zod';

/*
 * One notes schema for both engines and the API. The OpenAI engine gets the
 * chunk notes and the reduction as structured-output formats, so keep them
 * JSON-schema friendly: every field required, no unions, no length or
 * numeric constraints, objects nested at most five deep. A field the lecture has nothing for stays empty (an empty
 * string or list): nothing is invented to fill it.
 */

/**
 * Seconds from the start of the recording. No bounds in the schema itself:
 * strict structured outputs (and the servers that mimic them) refuse numeric
 * and length constraints, so the engines clamp times and drop empty text.
 */
const Seconds = z.number();

export const DefinitionSchema = z.object({
  term: z.string(),
  /** One line, in the lecturer's words where the engine cannot do better without inventing. */
  definition: z.string(),
});
export type Definition = z.infer<typeof DefinitionSchema>;

/** An enumeration the lecture makes: "the three phases are ...". */
export const NotesListSchema = z.object({
  title: z.string(),
  items: z.array(z.string()),
});
export type NotesList = z.infer<typeof NotesListSchema>;

export const NotesSectionSchema = z.object({
  /** Names the section's topic in a few words. */
  title: z.string(),
  start: Seconds,
  end: Seconds,
  /** One or two sentences. */
  summary: z.string(),
  keyPoints: z.array(z.string()),
  definitions: z.array(DefinitionSchema),
  /** Worked examples as the lecturer walks through them. */
  examples: z.array(z.string()),
  /** Formulas and equations, as written or said. */
  formulas: z.array(z.string()),
  lists: z.array(NotesListSchema),
});
export type NotesSection = z.infer<typeof NotesSectionSchema>;

export const GlossaryEntrySchema = z.object({
  term: z.string(),
  definition: z.string(),
  /** Where the lecture first explains the term. */
  firstExplainedAt: Seconds,
});
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

export const ReviewQuestionSchema = z.object({
  question: z.string(),
  answer: z.string(),
  /** The moment of the lecture the question is about. */
  at: Seconds,
});
export type ReviewQuestion = z.infer<typeof ReviewQuestionSchema>;

/** Assignments, readings and deadlines said aloud. */
export const ActionItemSchema = z.object({
  task: z.string(),
  /** The deadline as said ("next Friday"), or empty when none was given. */
  due: z.string(),
  at: Seconds,
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

/** What the chunk notes, the merged notes and the lecture's notes all hold. */
const notesBody = {
  sections: z.array(NotesSectionSchema),
  glossary: z.array(GlossaryEntrySchema),
  /** In a chunk's or the merged notes, candidates: the reduce step picks and orders the lecture's questions from them. */
  reviewQuestions: z.array(ReviewQuestionSchema),
  actionItems: z.array(ActionItemSchema),
};

/**
 * What a notes engine returns for one chunk (the Map's iteration). Times are
 * the recording's, inside the chunk.
 */
export const ChunkNotesSchema = z.object({
  /**
   * True when the chunk opens in the middle of the topic the previous chunk
   * ended with: the merge then joins the two sections into one.
   */
  continuesPreviousTopic: z.boolean(),
  ...notesBody,
});
export type ChunkNotes = z.infer<typeof ChunkNotesSchema>;

export const TokenUsageSchema = z.object({
  /** Every prompt token, those served from the provider's prompt cache included. */
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** The part of inputTokens the provider served from its prompt cache, billed at its cached rate; absent when it reports none. */
  cachedInputTokens: z.number().int().nonnegative().optional(),
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
  start: Seconds,
  end: Seconds,
  notes: ChunkNotesSchema,
  engine: NotesEngineSchema,
  usage: TokenUsageSchema,
});
export type StoredChunkNotes = z.infer<typeof StoredChunkNotesSchema>;

export const NotesSourceSchema = z.object({
  fileName: z.string(),
  durationSeconds: Seconds,
  /** The lecture's language (ISO 639-1 where known, e.g. "en"); the notes are written in it. */
  language: z.string(),
  engine: NotesEngineSchema,
});
export type NotesSource = z.infer<typeof NotesSourceSchema>;

/**
 * The chunks' notes joined by code (MergeNotes): sections in lecture order,
 * one glossary entry per term, every candidate question and action item. The
 * reduce step reads this, never the transcript.
 */
export const MergedNotesSchema = z.object({
  jobId: z.string(),
  ...notesBody,
  source: NotesSourceSchema,
  /** What the chunks' notes cost. */
  usage: TokenUsageSchema,
});
export type MergedNotes = z.infer<typeof MergedNotesSchema>;

/** What the reduce step writes over the whole lecture's merged notes. */
export const NotesReductionSchema = z.object({
  title: z.string(),
  /** Three to six sentences over the whole lecture. */
  overview: z.string(),
  /** One per merged section, in the same order: a better title where one is due, else the same. */
  sectionTitles: z.array(z.string()),
  /** In the order a student should study them. */
  reviewQuestions: z.array(ReviewQuestionSchema),
});
export type NotesReduction = z.infer<typeof NotesReductionSchema>;

/** The finished study notes for a whole lecture, as the API returns them. */
export const LectureNotesSchema = z.object({
  jobId: z.string(),
  title: z.string(),
  overview: z.string(),
  ...notesBody,
  source: NotesSourceSchema,
  /** What is weaker in these notes and why, for the reader (the offline engine on a lecture not in English, say). */
  caveats: z.array(z.string()),
  /** Chunks and reduce together. */
  usage: TokenUsageSchema,
  generatedAt: z.string(),
});
export type LectureNotes = z.infer<typeof LectureNotesSchema>;
