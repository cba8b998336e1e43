import * as z from 'zod';

/** Times are seconds from the start of the recording. */
export const TimedWordSchema = z.object({
  text: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  confidence: z.number().min(0).max(1).optional(),
});
export type TimedWord = z.infer<typeof TimedWordSchema>;

export const TranscriptSegmentSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  speaker: z.string().optional(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegmentSchema>;

/**
 * One transcript shape for every source: caption files are parsed into it and
 * provider transcripts are mapped into it, so everything after transcription
 * is the same for both.
 */
export const TranscriptSchema = z.object({
  source: z.enum(['captions', 'assemblyai', 'openai-compatible']),
  language: z.string().optional(),
  durationSeconds: z.number().nonnegative(),
  segments: z.array(TranscriptSegmentSchema),
  /** Word timings when the source has them (speech recognition does; captions do not). */
  words: z.array(TimedWordSchema).optional(),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

/** A piece of the transcript small enough for one notes request. */
export const ChunkSchema = z.object({
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  /** The lecture's language (ISO 639-1 where known): the transcript's own, else detected from its text. */
  language: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  /** Whole sentences; the first `overlapSentences` repeat the end of the previous chunk for context. */
  sentences: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
  overlapSentences: z.number().int().nonnegative(),
  approxTokens: z.number().int().nonnegative(),
});
export type Chunk = z.infer<typeof ChunkSchema>;
