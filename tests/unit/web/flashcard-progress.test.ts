import { describe, expect, it } from 'vitest';
import { decksOf, loadMarks, marksStorageKey, roundOf, saveMarks, tallyOf, withMark, type DeckMarks } from '../../../web/src/notes/flashcard-progress';
import { studyNotes } from '../../fixtures/study-notes';

/** A Storage that keeps items in a map, or refuses every write like a full or disabled one. */
function memoryStorage({ refuseWrites = false } = {}) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (refuseWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

const notes = studyNotes({
  reviewQuestions: [
    { question: 'What is a transaction?', answer: 'A unit of work that commits or rolls back as a whole.', at: 62 },
    { question: '  ', answer: 'An answer to nothing', at: 70 },
    { question: 'What does durability promise?', answer: 'A commit survives a crash.', at: 400 },
    { question: 'What is a transaction?', answer: 'The same question again, from another chunk.', at: 900 },
  ],
});

describe('flashcard decks', () => {
  it('make a card of each question and glossary term, front once, blank fronts left out', () => {
    const decks = decksOf(notes);

    expect(decks.questions.map(({ front, back, at }) => ({ front, back, at }))).toEqual([
      { front: 'What is a transaction?', back: 'A unit of work that commits or rolls back as a whole.', at: 62 },
      { front: 'What does durability promise?', back: 'A commit survives a crash.', at: 400 },
    ]);
    expect(decks.glossary.map(({ front, at }) => [front, at])).toEqual([
      ['transaction', 62],
      ['MVCC', 845],
    ]);
  });

  it('give a round of every card, or of those not yet known, in deck order', () => {
    const deck = decksOf(notes).questions;
    const marks = { 'What is a transaction?': 'known' } as const;

    expect(roundOf(deck, marks, 'all')).toEqual(deck);
    expect(roundOf(deck, marks, 'not-known').map((card) => card.front)).toEqual(['What does durability promise?']);
    expect(tallyOf(deck, marks)).toEqual({ known: 1, again: 0, unmarked: 1 });
    expect(tallyOf(deck, { ...marks, 'What does durability promise?': 'again' })).toEqual({ known: 1, again: 1, unmarked: 0 });
  });
});

describe('flashcard marks', () => {
  it('are kept per job and read back, a later mark replacing an earlier one', () => {
    const storage = memoryStorage();
    let marks: DeckMarks = loadMarks(storage, 'job-1');
    expect(marks).toEqual({ questions: {}, glossary: {} });

    marks = withMark(marks, 'questions', 'What is a transaction?', 'again');
    marks = withMark(marks, 'glossary', 'MVCC', 'known');
    marks = withMark(marks, 'questions', 'What is a transaction?', 'known');
    expect(saveMarks(storage, 'job-1', marks)).toBe(true);

    expect(loadMarks(storage, 'job-1')).toEqual({ questions: { 'What is a transaction?': 'known' }, glossary: { MVCC: 'known' } });
    expect(loadMarks(storage, 'job-2')).toEqual({ questions: {}, glossary: {} });
    expect([...storage.items.keys()]).toEqual([marksStorageKey('job-1')]);
  });

  it.each([
    ['not JSON', '{questions'],
    ['JSON of another shape', '[1, 2]'],
    ['null', 'null'],
  ])('start empty when what is kept is %s', (_case, kept) => {
    const storage = memoryStorage();
    storage.items.set(marksStorageKey('job-1'), kept);

    expect(loadMarks(storage, 'job-1')).toEqual({ questions: {}, glossary: {} });
  });

  it('keep the readable deck when the other one holds marks of an unknown kind', () => {
    const storage = memoryStorage();
    storage.items.set(marksStorageKey('job-1'), JSON.stringify({ questions: { 'What is a transaction?': 'again' }, glossary: { MVCC: 'maybe' } }));

    expect(loadMarks(storage, 'job-1')).toEqual({ questions: { 'What is a transaction?': 'again' }, glossary: {} });
  });

  it('report a browser that will not keep them, without throwing', () => {
    expect(saveMarks(memoryStorage({ refuseWrites: true }), 'job-1', { questions: { q: 'known' }, glossary: {} })).toBe(false);
  });
});
