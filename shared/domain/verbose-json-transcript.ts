import * as z from 'zod';
import type { TimedWord, Transcript, TranscriptSegment } from '../contracts/transcript';
import { languageCodeOf } from './language';

/*
 * OpenAI's `verbose_json` transcription, as Whisper servers write it (OpenAI's whisper-1,
 * faster-whisper-server / speaches, whisper.cpp's server, LocalAI, vLLM). They differ in small
 * ways: some write numbers as strings, null for an absent list, a language code for the name, or
 * the words inside their segments (whisper.cpp) instead of beside them.
 */

const seconds = z.coerce.number().transform((value) => (Number.isFinite(value) ? Math.max(0, value) : 0));
const WordSchema = z.object({ word: z.string(), start: seconds, end: seconds });

export const VerboseTranscriptionSchema = z.object({
  text: z.string().nullish(),
  language: z.string().nullish(),
  duration: seconds.nullish(),
  segments: z.array(z.object({ start: seconds, end: seconds, text: z.string(), words: z.array(WordSchema).nullish() })).nullish(),
  words: z.array(WordSchema).nullish(),
});
export type VerboseTranscription = z.infer<typeof VerboseTranscriptionSchema>;

/** The answer as the transcript contract has it, or undefined when the server heard no speech. */
export function transcriptOfVerboseJson(answer: VerboseTranscription): Transcript | undefined {
  const listed = answer.words?.length ? answer.words : (answer.segments ?? []).flatMap((segment) => segment.words ?? []);
  const words: TimedWord[] = listed.flatMap(({ word, start, end }) => {
    const text = word.trim();
    return text ? [{ text, start, end: Math.max(start, end) }] : [];
  });
  const spoken: TranscriptSegment[] = (answer.segments ?? []).flatMap(({ start, end, text }) => {
    const trimmed = text.trim();
    return trimmed ? [{ start, end: Math.max(start, end), text: trimmed }] : [];
  });
  const text = answer.text?.trim() ?? '';
  if (words.length === 0 && spoken.length === 0 && !text) return undefined;

  const lastEnd = Math.max(words.at(-1)?.end ?? 0, spoken.at(-1)?.end ?? 0);
  const durationSeconds = answer.duration || lastEnd;
  const language = languageCodeOf(answer.language ?? undefined);
  return {
    source: 'openai-compatible',
    ...(language ? { language } : {}),
    durationSeconds,
    segments: spoken.length > 0 ? spoken : [{ start: 0, end: durationSeconds, text: text || words.map((word) => word.text).join(' ') }],
    ...(words.length > 0 ? { words } : {}),
  };
}
