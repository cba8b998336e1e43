import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_NOTES_ENGINE, OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../../../lambdas/adapters/offline-notes/offline-notes-reducer';
import { NotesReductionSchema, type MergedNotes, type NotesSection, type ReviewQuestion, type StoredChunkNotes } from '../../../shared/contracts/notes';
import { parseCaptions } from '../../../shared/domain/captions';
import { chunkTranscript } from '../../../shared/domain/chunking';
import { mergeChunkNotes } from '../../../shared/domain/notes-merge';
import { fixtureLectures } from '../../fixtures/lectures';
import { longLectureVtt } from '../../fixtures/long-lecture';
import { isCommonNoun } from '../../../lambdas/adapters/offline-notes/common-nouns';
import { termAskedAbout } from '../../../lambdas/adapters/offline-notes/review-questions';
import { endsDangling } from '../../../lambdas/adapters/offline-notes/word-budget';

function section(index: number, summary: string): NotesSection {
  return { title: `Topic ${index}`, start: index * 120, end: index * 120 + 110, summary, keyPoints: [`Point ${index} holds here.`], definitions: [], examples: [], formulas: [], lists: [] };
}

const question = (at: number, kind: 'definition' | 'list'): ReviewQuestion =>
  kind === 'definition' ? { question: `What is term ${at}?`, answer: `The thing said at ${at}.`, at } : { question: `Topic: name the two parts at ${at}.`, answer: 'One; two', at };

/** Twenty minutes in ten sections, with question candidates bunched at the start and a few later. */
function mergedLecture(language = 'en'): MergedNotes {
  const summaries = [
    'Today we are going to talk about database transactions.',
    'A transaction groups reads and writes into one unit of work.',
    'Atomicity means every change of a transaction is applied or none is.',
    'The write-ahead log records each change before the data pages change.',
    'Isolation keeps concurrent transactions from seeing unfinished work.',
    'Two-phase locking takes every lock before releasing any of them.',
    'A deadlock is a cycle of transactions waiting for each other.',
    'Snapshot isolation lets every transaction read a consistent snapshot.',
    'Durability promises that committed data survives a crash.',
    'Next time we will look at distributed transactions.',
  ];
  return {
    jobId: 'job-1',
    sections: summaries.map((summary, index) => section(index, summary)),
    glossary: [
      { term: 'transaction', definition: 'one unit of work', firstExplainedAt: 130 },
      { term: 'snapshot isolation', definition: 'every transaction reads a consistent snapshot', firstExplainedAt: 850 },
    ],
    reviewQuestions: [
      ...[130, 140, 150, 160, 170, 180, 190, 200].map((at) => question(at, 'definition')),
      question(610, 'list'),
      question(850, 'definition'),
      question(1150, 'list'),
    ],
    actionItems: [],
    source: { fileName: 'lecture.vtt', durationSeconds: 1200, language, engine: OFFLINE_NOTES_ENGINE },
    usage: { inputTokens: 0, outputTokens: 0 },
  };
}

describe('OfflineNotesReducer', () => {
  const reducer = new OfflineNotesReducer();

  it('is the offline engine, costs nothing and answers with a valid reduction', async () => {
    const result = await reducer.reduce(mergedLecture());
    expect(reducer.engine).toEqual(OFFLINE_NOTES_ENGINE);
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(() => NotesReductionSchema.parse(result.reduction)).not.toThrow();
  });

  it('titles the lecture with the topic the lecturer announces', async () => {
    expect((await reducer.reduce(mergedLecture())).reduction.title).toBe('Database Transactions');
  });

  it('titles a lecture without an announcement by its most used glossary term, never "Part 1"', async () => {
    const merged = mergedLecture();
    merged.sections[0] = section(0, 'Let us look at how a transaction works.');
    expect((await reducer.reduce(merged)).reduction.title).toBe('Transaction');
  });

  it('writes an overview of three to six sentences quoted from across the lecture, in lecture order', async () => {
    const merged = mergedLecture();
    const { overview } = (await reducer.reduce(merged)).reduction;
    const sentences = overview.split(/(?<=\.)\s+/u);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(6);
    const positions = sentences.map((sentence) => merged.sections.findIndex((part) => part.summary === sentence));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(positions[0]).toBeLessThan(4);
    expect(positions.at(-1)).toBeGreaterThanOrEqual(6);
  });

  it('keeps one section title per merged section, in order', async () => {
    const merged = mergedLecture();
    expect((await reducer.reduce(merged)).reduction.sectionTitles).toEqual(merged.sections.map((part) => part.title));
  });

  it('gives a repeated title or a lone word the lecture does not teach the next topic the section names', async () => {
    const merged = mergedLecture();
    const titled = (index: number, title: string, changes: Partial<NotesSection> = {}) => ({ ...merged.sections[index]!, title, ...changes });
    merged.sections = [
      titled(0, 'Introduction'),
      titled(1, 'Elastic Demand', { definitions: [{ term: 'elastic demand', definition: 'when the elasticity is greater than one' }] }),
      titled(2, 'Elastic Demand', { summary: 'There are four main determinants of price elasticity of demand.' }),
      titled(3, 'Consistent', { summary: 'A transaction that crashes leaves no trace.' }),
      titled(4, 'Rice', { summary: 'Rice is cheap.' }),
      titled(5, 'Snapshot Isolation'),
      titled(6, 'Snapshot Isolation'),
    ];
    expect((await reducer.reduce(merged)).reduction.sectionTitles).toEqual([
      'Introduction',
      'Elastic Demand',
      'Determinants of Price Elasticity of Demand',
      'Transaction',
      'More on Transaction',
      'Snapshot Isolation',
      'More on Snapshot Isolation',
    ]);
  });

  it('picks six to fifteen questions for a twenty-minute lecture, spread to its last part and asked in lecture order', async () => {
    const { reviewQuestions } = (await reducer.reduce(mergedLecture())).reduction;
    expect(reviewQuestions.length).toBeGreaterThanOrEqual(6);
    expect(reviewQuestions.length).toBeLessThanOrEqual(15);
    const times = reviewQuestions.map((candidate) => candidate.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times).toEqual(expect.arrayContaining([610, 850, 1150]));
  });

  it('says nothing is weaker for an English lecture', async () => {
    expect((await reducer.reduce(mergedLecture('en'))).caveats).toEqual([]);
  });

  it.each([
    ['es', /in Spanish/u],
    ['und', /a language it could not identify/u],
  ])('tells the reader what is weaker for a lecture in %s, and how to get full notes', async (language, named) => {
    const [caveat, ...more] = (await reducer.reduce(mergedLecture(language))).caveats;
    expect(more).toEqual([]);
    expect(caveat).toMatch(named);
    expect(caveat).toMatch(/only structure and quotes/u);
    expect(caveat).toMatch(/OPENAI_API_KEY/u);
  });
});

/** The offline engine end to end, as the pipeline runs it: captions, chunks, chunk notes, merge, reduce. */
async function offlineNotes(captions: string, fileName: string) {
  const transcript = parseCaptions(captions, fileName);
  const generator = new OfflineNotesGenerator();
  const chunks = chunkTranscript(transcript).map((chunk) => ({ ...chunk, language: 'en' }));
  const stored: StoredChunkNotes[] = [];
  for (const chunk of chunks) {
    const { notes, usage } = await generator.generate(chunk);
    stored.push({ chunkIndex: chunk.index, start: chunk.start, end: chunk.end, notes, engine: generator.engine, usage });
  }
  const merged = mergeChunkNotes({ jobId: 'job-1', chunks: stored, fileName, durationSeconds: transcript.durationSeconds, language: 'en' });
  const { reduction } = await new OfflineNotesReducer().reduce(merged);
  return { transcript, merged, reduction };
}

const spokenWords = (text: string) => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe.each(['samples/how-databases-keep-promises.vtt', 'samples/photosynthesis-light-reactions.srt'])('offline notes of %s', (path) => {
  let notes: Awaited<ReturnType<typeof offlineNotes>>;
  beforeAll(async () => {
    notes = await offlineNotes(await readFile(path, 'utf8'), path);
  });

  it('have an overview, timed sections in order inside the lecture, a glossary without duplicates and review questions', () => {
    const { merged, reduction, transcript } = notes;
    expect(reduction.overview.split(/(?<=[.!?…])\s+(?=\p{Lu})/u).length).toBeGreaterThanOrEqual(3);
    expect(merged.sections.length).toBeGreaterThan(1);
    merged.sections.forEach((part, index) => {
      expect(part.start).toBeGreaterThanOrEqual(0);
      expect(part.end).toBeLessThanOrEqual(transcript.durationSeconds);
      expect(part.end).toBeGreaterThan(part.start);
      if (index > 0) expect(part.start).toBeGreaterThanOrEqual(merged.sections[index - 1]!.end);
    });
    const terms = merged.glossary.map((entry) => entry.term.toLowerCase().replace(/s$/u, ''));
    expect(terms.length).toBeGreaterThan(2);
    expect(new Set(terms).size).toBe(terms.length);
    expect(reduction.reviewQuestions.length).toBeGreaterThanOrEqual(3);
  });

  it('quote a fraction of the lecture once each, not the transcript in bullets', () => {
    const { merged, reduction, transcript } = notes;
    const lectureWords = transcript.segments.reduce((sum, segment) => sum + spokenWords(segment.text), 0);
    // Each distinct quote counted once: a definition the glossary repeats, or a question answered with it, holds no more of the lecture.
    const quotes = new Set(
      [
        reduction.title,
        ...merged.sections.flatMap((part) => [part.title, part.summary, ...part.keyPoints, ...part.examples, ...part.formulas, ...part.lists.flatMap((list) => [list.title, ...list.items])]),
        ...merged.glossary.flatMap((entry) => [entry.term, entry.definition]),
        ...reduction.reviewQuestions.flatMap((candidate) => [candidate.question, candidate.answer]),
        ...merged.actionItems.map((item) => item.task),
      ].map((text) => text.trim()),
    );
    const share = [...quotes].reduce((sum, text) => sum + spokenWords(text), 0) / lectureWords;
    expect(share).toBeGreaterThanOrEqual(0.15);
    expect(share).toBeLessThanOrEqual(0.3);
  });
});

const englishLectures = [...fixtureLectures.filter((lecture) => lecture.keyPath).map((lecture) => lecture.transcriptPath), 'samples/how-databases-keep-promises.vtt'];

describe.each(englishLectures)('offline notes of %s, as a student reads them', (path) => {
  let notes: Awaited<ReturnType<typeof offlineNotes>>;
  beforeAll(async () => {
    notes = await offlineNotes(await readFile(path, 'utf8'), path);
  });

  it('cut no sentence mid-thought: no text ends in an ellipsis or a word that needs another after it', () => {
    const { merged, reduction } = notes;
    // A formula may end on a variable ("F = m a").
    const texts = [
      reduction.overview,
      ...merged.sections.flatMap((part) => [part.summary, ...part.keyPoints, ...part.examples, ...part.lists.flatMap((list) => list.items), ...part.definitions.map((definition) => definition.definition)]),
      ...merged.glossary.map((entry) => entry.definition),
      ...reduction.reviewQuestions.map((candidate) => candidate.answer),
      ...merged.actionItems.map((item) => item.task),
    ];
    expect(texts.filter((text) => text.trimEnd().endsWith('…') || endsDangling(text))).toEqual([]);
  });

  it('title every section distinctly, never with a lone everyday noun', () => {
    const titles = notes.reduction.sectionTitles;
    expect(new Set(titles.map((title) => title.toLowerCase())).size).toBe(titles.length);
    expect(titles.filter((title) => !/\s/u.test(title) && isCommonNoun(title.toLowerCase()))).toEqual([]);
  });

  it('answer a definition question with the glossary’s definition, word for word', () => {
    const glossary = new Map(notes.merged.glossary.map((entry) => [entry.term.toLowerCase(), entry.definition]));
    const asked = notes.reduction.reviewQuestions.map((candidate) => ({ term: termAskedAbout(candidate), answer: candidate.answer }));
    const definitionQuestions = asked.filter((candidate) => candidate.term !== undefined);
    expect(definitionQuestions.length).toBeGreaterThan(0);
    for (const { term, answer } of definitionQuestions) expect(answer).toBe(glossary.get(term!.toLowerCase()));
  });
});

describe('offline notes of a three-hour lecture', () => {
  it('cover it from its first to its last minutes, with no stretch of the middle left out, in seconds', async () => {
    const started = performance.now();
    const { merged, transcript } = await offlineNotes(await longLectureVtt(7), 'long-lecture.vtt');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(transcript.durationSeconds).toBeGreaterThan(3 * 3600 - 600);
    expect(merged.sections[0]!.start).toBeLessThan(120);
    expect(merged.sections.at(-1)!.end).toBeGreaterThan(transcript.durationSeconds - 120);
    const gaps = merged.sections.slice(1).map((part, index) => part.start - merged.sections[index]!.end);
    expect(Math.max(...gaps)).toBeLessThan(60);
  }, 60_000);
});
