import { describe, expect, it } from 'vitest';
import type { Transcript, TranscriptSegment } from '../../../shared/contracts/transcript';
import { timedSentences } from '../../../shared/domain/sentences';

const fromSegments = (...segments: TranscriptSegment[]): Transcript => ({
  source: 'captions',
  durationSeconds: segments.at(-1)?.end ?? 0,
  segments,
});
const oneSegment = (text: string) => fromSegments({ start: 0, end: 100, text });
const sentenceTexts = (text: string) => timedSentences(oneSegment(text)).map((sentence) => sentence.text);

/** Words one second apart, each lasting half a second. */
function fromWords(text: string, pauseAfter: Record<number, number> = {}): Transcript {
  let clock = 0;
  const words = text.split(' ').map((word, index) => {
    const timed = { text: word, start: clock, end: clock + 0.5 };
    clock += 1 + (pauseAfter[index] ?? 0);
    return timed;
  });
  return { source: 'assemblyai', durationSeconds: clock, segments: [{ start: 0, end: clock, text }], words };
}

const wordCount = (text: string) => text.split(' ').length;

describe('timedSentences: where sentences end', () => {
  it('joins caption cues that break mid-sentence', () => {
    const transcript = fromSegments(
      { start: 0, end: 2, text: 'The mitochondria is' },
      { start: 2, end: 4, text: 'the powerhouse of the cell. Next we' },
      { start: 4, end: 6, text: 'look at\nribosomes.' },
    );
    expect(timedSentences(transcript).map((sentence) => sentence.text)).toEqual([
      'The mitochondria is the powerhouse of the cell.',
      'Next we look at ribosomes.',
    ]);
  });

  it('ends sentences at full stops, question and exclamation marks, and closing quotes or brackets', () => {
    expect(sentenceTexts('Is it hot? Yes! It is. He said "stop." Then (it stopped.) Done')).toEqual([
      'Is it hot?',
      'Yes!',
      'It is.',
      'He said "stop."',
      'Then (it stopped.)',
      'Done',
    ]);
  });

  it('does not end sentences at abbreviations, decimals, initials or ellipses', () => {
    const text =
      'Dr. Ng and Mr. Li met Ms. Fox and Prof. Kay, e.g. at noon, i.e. early. ' +
      'Cats vs. dogs, etc. are fine. See Fig. 3 and No. 5 for pi = 3.14 today. ' +
      'J. R. R. Tolkien lived in the U.K. for years. Well... maybe not. Yes or no. Next.';
    expect(sentenceTexts(text)).toEqual([
      'Dr. Ng and Mr. Li met Ms. Fox and Prof. Kay, e.g. at noon, i.e. early.',
      'Cats vs. dogs, etc. are fine.',
      'See Fig. 3 and No. 5 for pi = 3.14 today.',
      'J. R. R. Tolkien lived in the U.K. for years.',
      'Well... maybe not.',
      'Yes or no.',
      'Next.',
    ]);
  });

  it('ends sentences at full-width CJK marks, which need no space after them', () => {
    expect(sentenceTexts('今天讲熵。你明白吗？明白！')).toEqual(['今天讲熵。', '你明白吗？', '明白！']);
  });

  it('normalizes whitespace and skips empty segments', () => {
    const transcript = fromSegments(
      { start: 0, end: 1, text: '  Lots\tof \n space.  ' },
      { start: 1, end: 2, text: ' \n ' },
      { start: 2, end: 3, text: 'End.' },
    );
    expect(timedSentences(transcript).map((sentence) => sentence.text)).toEqual(['Lots of space.', 'End.']);
  });

  it('finds nothing in an empty transcript', () => {
    expect(timedSentences(fromSegments())).toEqual([]);
    expect(timedSentences(fromSegments({ start: 0, end: 1, text: '   ' }))).toEqual([]);
  });
});

describe('timedSentences: times', () => {
  it('takes times from the first and last word when words are timed', () => {
    const sentences = timedSentences(fromWords('One two three. Four five.'));
    expect(sentences).toEqual([
      { start: 0, end: 2.5, text: 'One two three.' },
      { start: 3, end: 4.5, text: 'Four five.' },
    ]);
  });

  it('shares a segment time by character position when words are not timed', () => {
    // "Aaaa. Bbbbbbbb." is 15 characters over 15 seconds: one second per character.
    const sentences = timedSentences(fromSegments({ start: 10, end: 25, text: 'Aaaa. Bbbbbbbb.' }));
    expect(sentences).toEqual([
      { start: 10, end: 15, text: 'Aaaa.' },
      { start: 16, end: 25, text: 'Bbbbbbbb.' },
    ]);
  });

  it('spans segments: starts in one and ends in another', () => {
    const sentences = timedSentences(
      fromSegments({ start: 0, end: 4, text: 'Done. Heat' }, { start: 5, end: 9, text: 'flows.' }),
    );
    // "Heat" starts at character 6 of the 10 in "Done. Heat", which spans 0-4 s.
    expect(sentences[1]).toEqual({ start: 2.4, end: 9, text: 'Heat flows.' });
  });
});

describe('timedSentences: unpunctuated speech', () => {
  const words = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `w${from + index}`).join(' ');

  it('breaks a long unpunctuated stretch at pauses of 1.5 seconds or more', () => {
    const text = words(70);
    // Words leave 0.5 s between them: one more second makes a 1.5 s pause, 0.9 s more does not.
    const sentences = timedSentences(fromWords(text, { 29: 1, 49: 0.9 }));
    expect(sentences.map((sentence) => wordCount(sentence.text))).toEqual([30, 40]);
    expect(sentences[1]!.start).toBe(31);
  });

  it('keeps a short sentence whole across a pause', () => {
    expect(timedSentences(fromWords('So the answer is forty two.', { 3: 3 }))).toHaveLength(1);
  });

  it('cuts speech without pauses or punctuation into even runs of at most 60 words', () => {
    const text = words(150);
    const sentences = timedSentences(oneSegment(text));
    expect(sentences.map((sentence) => wordCount(sentence.text))).toEqual([50, 50, 50]);
    expect(sentences.map((sentence) => sentence.text).join(' ')).toBe(text);
    sentences.slice(1).forEach((sentence, index) => expect(sentence.start).toBeGreaterThanOrEqual(sentences[index]!.end));
    expect(sentences.at(-1)!.end).toBe(100);
  });

  it('bounds CJK text without punctuation, counting each character as a word', () => {
    const text = '热'.repeat(130);
    const sentences = timedSentences(oneSegment(text));
    expect(sentences.length).toBe(3);
    for (const sentence of sentences) expect([...sentence.text].length).toBeLessThanOrEqual(60);
    expect(sentences.map((sentence) => sentence.text).join('')).toBe(text);
  });
});
