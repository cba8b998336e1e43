import type { TimedWord, TranscriptSegment } from '../contracts/transcript';
import { PAUSE_BREAK_SECONDS, normalizeWhitespace } from './sentences';

/**
 * A word as AssemblyAI gives it, from its API or in a transcript a person downloaded and uploaded:
 * times in milliseconds, null for what was not requested.
 */
export interface AssemblyAiWord {
  text: string;
  start: number;
  end: number;
  confidence?: number | null;
  speaker?: string | null;
}

/** A word ending in terminal punctuation closes a segment (an abbreviation may too: segments need not be sentences). */
const ENDS_SENTENCE = /[.?!。！？]["'”’)\]]*$/u;

/** Unpunctuated speech is cut here, so one segment never holds minutes of speech. */
const SEGMENT_MAX_WORDS = 40;

type SpokenWord = { word: TimedWord; speaker?: string };

/**
 * AssemblyAI's words as the transcript's timed words and segments. Both ways a transcript arrives
 * (the provider's answer, an uploaded .json) go through here, so the same words give the same segments.
 * A segment ends at a sentence's end, a change of speaker, a pause or the word cap.
 */
export function assemblyAiSegments(words: readonly AssemblyAiWord[]): { words: TimedWord[]; segments: TranscriptSegment[] } {
  const spoken = words.flatMap(toSpokenWord);
  const segments: TranscriptSegment[] = [];
  let current: SpokenWord[] = [];
  for (const next of spoken) {
    const previous = current.at(-1);
    const closes =
      previous !== undefined &&
      (ENDS_SENTENCE.test(previous.word.text) ||
        previous.speaker !== next.speaker ||
        next.word.start - previous.word.end >= PAUSE_BREAK_SECONDS ||
        current.length >= SEGMENT_MAX_WORDS);
    if (closes) {
      segments.push(segmentOf(current));
      current = [];
    }
    current.push(next);
  }
  if (current.length > 0) segments.push(segmentOf(current));
  return { words: spoken.map(({ word }) => word), segments };
}

function toSpokenWord({ text, start, end, confidence, speaker }: AssemblyAiWord): SpokenWord[] {
  const wordText = normalizeWhitespace(text);
  if (!wordText) return [];
  const word: TimedWord = { text: wordText, start: start / 1000, end: end / 1000, ...(confidence != null ? { confidence } : {}) };
  return [speaker ? { word, speaker } : { word }];
}

function segmentOf(words: SpokenWord[]): TranscriptSegment {
  const { speaker } = words[0]!;
  return {
    start: words[0]!.word.start,
    end: words.at(-1)!.word.end,
    text: words.map(({ word }) => word.text).join(' '),
    ...(speaker ? { speaker } : {}),
  };
}
