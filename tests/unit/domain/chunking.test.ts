import { describe, expect, it } from 'vitest';
import { ChunkSchema, type Chunk, type Transcript } from '../../../shared/contracts/transcript';
import { chunkTranscript, DEFAULT_CHUNKING, estimateTokens } from '../../../shared/domain/chunking';
import { JobError } from '../../../shared/domain/job-error';
import { timedSentences } from '../../../shared/domain/sentences';

const VOCABULARY = ['entropy', 'heat', 'flows', 'from', 'the', 'hot', 'body', 'to', 'cold', 'one', 'Dr.', 'Carnot', 'showed', 'e.g.', 'engines', 'work', 'at', '3.14', 'efficiency', 'limits'];

/** A seeded generator, so every run sees the same "random" lecture. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Sentences of 3 to 40 words, cut into caption cues of 7 words that ignore sentence ends. */
function generatedLecture(sentenceCount: number, seed = 7): Transcript {
  const random = seededRandom(seed);
  const words: string[] = [];
  for (let sentence = 0; sentence < sentenceCount; sentence++) {
    const length = 3 + Math.floor(random() * 38);
    for (let word = 0; word < length; word++) words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
    words[words.length - 1] += random() < 0.2 ? '?' : '.';
  }
  const segments = [];
  for (let first = 0; first < words.length; first += 7) {
    const start = first * 0.4;
    segments.push({ start, end: start + 2.8, text: words.slice(first, first + 7).join(' ') });
  }
  return { source: 'captions', durationSeconds: segments.at(-1)!.end, segments };
}

const fromText = (text: string, end = 100): Transcript => ({ source: 'captions', durationSeconds: end, segments: [{ start: 0, end, text }] });
const newSentences = (chunk: Chunk) => chunk.sentences.slice(chunk.overlapSentences);
const joined = (sentences: Array<{ text: string }>) => sentences.map((sentence) => sentence.text).join(' ');
const newTokens = (chunk: Chunk) => estimateTokens(joined(newSentences(chunk)));

describe('estimateTokens', () => {
  it('counts about four characters per token in English, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('Heat flows from hot to cold.')).toBe(7);
  });

  it('counts each Chinese, Japanese or Korean character as a token', () => {
    expect(estimateTokens('热力学')).toBe(3);
    expect(estimateTokens('ひらがなカタカナ한국어')).toBe(11);
    expect(estimateTokens('熵 is entropy')).toBe(1 + Math.ceil(' is entropy'.length / 4));
  });
});

describe('chunkTranscript', () => {
  const lecture = generatedLecture(600);
  const allSentences = timedSentences(lecture);

  it('keeps the defaults it documents', () => {
    expect(DEFAULT_CHUNKING).toEqual({ maxTokens: 1500, overlapSentences: 2 });
    const chunks = chunkTranscript(lecture);
    for (const chunk of chunks) expect(newTokens(chunk)).toBeLessThanOrEqual(1500);
    expect(chunks.slice(1).every((chunk) => chunk.overlapSentences === 2)).toBe(true);
  });

  it('makes one chunk of a short transcript, without overlap', () => {
    const transcript = fromText('Heat flows. From hot to cold.', 10);
    expect(chunkTranscript(transcript)).toEqual([
      {
        index: 0,
        count: 1,
        // Five words are too few to tell the language by.
        language: 'und',
        start: 0,
        end: 10,
        sentences: timedSentences(transcript),
        overlapSentences: 0,
        approxTokens: estimateTokens('Heat flows. From hot to cold.'),
      },
    ]);
  });

  for (const maxTokens of [50, 120, 333, 800, 1500]) {
    for (const overlapSentences of [0, 1, 3]) {
      it(`respects a budget of ${maxTokens} tokens with ${overlapSentences} sentences of overlap`, () => {
        const chunks = chunkTranscript(lecture, { maxTokens, overlapSentences });
        const total = estimateTokens(joined(allSentences));

        expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(total / maxTokens));
        expect(joined(chunks.flatMap(newSentences))).toBe(joined(allSentences));
        let sentencesBefore: Array<{ text: string }> = [];
        chunks.forEach((chunk, index) => {
          expect(ChunkSchema.safeParse(chunk).success).toBe(true);
          expect(chunk.index).toBe(index);
          expect(chunk.count).toBe(chunks.length);
          expect(newTokens(chunk)).toBeLessThanOrEqual(maxTokens);
          expect(chunk.approxTokens).toBe(estimateTokens(joined(chunk.sentences)));
          const overlap = chunk.sentences.slice(0, chunk.overlapSentences);
          expect(overlap).toEqual(sentencesBefore.slice(sentencesBefore.length - Math.min(overlapSentences, sentencesBefore.length)));
          expect(chunk.overlapSentences).toBe(Math.min(overlapSentences, sentencesBefore.length));
          const added = newSentences(chunk);
          expect(chunk.start).toBe(added[0]!.start);
          expect(chunk.end).toBe(Math.max(...added.map((sentence) => sentence.end)));
          sentencesBefore = [...sentencesBefore, ...added];
        });
      });
    }
  }

  describe('language', () => {
    const spanish = 'Hoy vamos a ver cómo el corazón bombea la sangre. El ventrículo izquierdo es la cámara más fuerte y envía la sangre a todo el cuerpo.';

    it.each([
      ['en-US', 'en'],
      ['pt_BR', 'pt'],
      ['ES', 'es'],
    ])("takes the transcript's own language %s as %s, over what the text looks like", (tag, language) => {
      const chunks = chunkTranscript({ ...lecture, language: tag }, { maxTokens: 300 });
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((chunk) => chunk.language === language)).toBe(true);
    });

    it('detects the language from the whole text when the transcript names none, and gives every chunk the same', () => {
      const transcript = fromText(Array.from({ length: 40 }, () => spanish).join(' '), 600);
      const chunks = chunkTranscript(transcript, { maxTokens: 100 });
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.map((chunk) => chunk.language)).toEqual(chunks.map(() => 'es'));
    });

    it('detects the language when the transcript names it "und"', () => {
      expect(chunkTranscript({ ...fromText(spanish), language: 'und' })[0]!.language).toBe('es');
    });
  });

  it('keeps time ranges in order, covering the recording', () => {
    const chunks = chunkTranscript(lecture, { maxTokens: 300 });
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBeCloseTo(lecture.durationSeconds, 6);
    chunks.slice(1).forEach((chunk, index) => expect(chunk.start).toBeGreaterThanOrEqual(chunks[index]!.end - 1e-9));
  });

  it('balances chunk sizes instead of leaving a small last chunk', () => {
    for (const maxTokens of [200, 500, 1500]) {
      const sizes = chunkTranscript(lecture, { maxTokens, overlapSentences: 0 }).map(newTokens);
      const average = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
      expect(Math.min(...sizes), `sizes ${sizes.join(', ')} for ${maxTokens}`).toBeGreaterThan(average * 0.75);
    }
  });

  it('makes two even chunks of a transcript a little over one budget', () => {
    const sentence = 'Heat flows from the hot body to the cold body.'; // 12 tokens alone
    const transcript = fromText(Array.from({ length: 11 }, () => sentence).join(' '));
    const sizes = chunkTranscript(transcript, { maxTokens: 100, overlapSentences: 0 }).map((chunk) => chunk.sentences.length);
    expect(sizes.sort()).toEqual([5, 6]);
  });

  it('splits a sentence over the budget at word boundaries, sharing out its time', () => {
    const longSentence = `${Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ')}.`;
    const transcript: Transcript = {
      source: 'assemblyai',
      durationSeconds: 300,
      segments: [{ start: 0, end: 300, text: longSentence }],
      words: longSentence.split(' ').map((text, index) => ({ text, start: index, end: index + 1 })),
    };
    // Words give a 60-word cap per sentence already; a tiny budget must split further.
    const chunks = chunkTranscript(transcript, { maxTokens: 50, overlapSentences: 0 });
    const pieces = chunks.flatMap((chunk) => chunk.sentences);
    expect(joined(pieces)).toBe(longSentence);
    for (const piece of pieces) {
      expect(estimateTokens(piece.text)).toBeLessThanOrEqual(50);
      expect(piece.text).toMatch(/^word\d+( word\d+)*\.?$/);
      expect(piece.end).toBeGreaterThan(piece.start);
    }
    pieces.slice(1).forEach((piece, index) => expect(piece.start).toBeGreaterThanOrEqual(pieces[index]!.end - 1e-9));
    expect(pieces[0]!.start).toBe(0);
    expect(pieces.at(-1)!.end).toBe(300);
  });

  it('cuts a single word that is longer than the budget', () => {
    const url = `https://example.test/${'a'.repeat(600)}`;
    const chunks = chunkTranscript(fromText(`See ${url} now.`), { maxTokens: 50, overlapSentences: 0 });
    for (const chunk of chunks) expect(newTokens(chunk)).toBeLessThanOrEqual(50);
    const withoutSpaces = (text: string) => text.replace(/\s/g, '');
    expect(withoutSpaces(joined(chunks.flatMap(newSentences)))).toBe(withoutSpaces(`See ${url} now.`));
  });

  it('is deterministic', () => {
    expect(chunkTranscript(lecture, { maxTokens: 400 })).toEqual(chunkTranscript(generatedLecture(600), { maxTokens: 400 }));
  });

  it('refuses a transcript with nothing to take notes from', () => {
    for (const transcript of [fromText(''), fromText(' \n '), { ...fromText(''), segments: [] }]) {
      const attempt = () => chunkTranscript(transcript);
      expect(attempt).toThrow(JobError);
      expect(attempt).toThrow(/no speech or text to take notes from/);
    }
  });

  it('refuses options it cannot work with, naming the option', () => {
    const transcript = fromText('Heat flows.');
    expect(() => chunkTranscript(transcript, { maxTokens: 49 })).toThrow(/maxTokens .* at least 50; got 49/);
    expect(() => chunkTranscript(transcript, { maxTokens: 100.5 })).toThrow(/maxTokens/);
    expect(() => chunkTranscript(transcript, { overlapSentences: -1 })).toThrow(/overlapSentences .*; got -1/);
    expect(() => chunkTranscript(transcript, { overlapSentences: 1.5 })).toThrow(/overlapSentences/);
  });
});
