import type { TranscriptSegment } from '../../contracts/transcript';
import { balancedGroups } from '../balanced-groups';
import { countSpokenWords, normalizeWhitespace, sentenceSpans } from '../sentences';

/** A usual lecturing pace: text without times is laid out on the timeline at this rate. */
const WORDS_PER_MINUTE = 150;
const MAX_SENTENCES_PER_SEGMENT = 3;

export type TimedPlainText = { segments: TranscriptSegment[]; durationSeconds: number };

/**
 * Segments (a paragraph, or a few sentences of a long one) with estimated times. Given the
 * recording's duration, the text is spread over it instead.
 */
export function timePlainText(text: string, durationSeconds?: number): TimedPlainText {
  const passages = paragraphsOf(text).flatMap(passagesOf);
  const wordCounts = passages.map(countSpokenWords);
  const totalWords = wordCounts.reduce((sum, count) => sum + count, 0);
  const secondsPerWord = durationSeconds && totalWords > 0 ? durationSeconds / totalWords : 60 / WORDS_PER_MINUTE;
  let wordsBefore = 0;
  const segments = passages.map((passage, index) => {
    const start = toMilliseconds(wordsBefore * secondsPerWord);
    wordsBefore += wordCounts[index]!;
    return { start, end: toMilliseconds(wordsBefore * secondsPerWord), text: passage };
  });
  return { segments, durationSeconds: durationSeconds ?? toMilliseconds(totalWords * secondsPerWord) };
}

/** Estimated times need no more precision than caption times have. */
const toMilliseconds = (seconds: number) => Math.round(seconds * 1000) / 1000;

const paragraphsOf = (text: string) => text.split(/\n\s*\n/).map(normalizeWhitespace).filter(Boolean);

function passagesOf(paragraph: string): string[] {
  const sentences = sentenceSpans(paragraph);
  return balancedGroups(sentences, () => 1, MAX_SENTENCES_PER_SEGMENT).map((group) =>
    paragraph.slice(group[0]!.start, group.at(-1)!.end),
  );
}
