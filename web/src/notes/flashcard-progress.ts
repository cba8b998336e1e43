import * as z from 'zod';
import type { LectureNotes } from '../../../shared/contracts/notes';

/* Study mode's cards and what the student said about each ("I knew it" / "again"), kept in the
   browser per job. Cards are known by their front, so a mark survives a reload and new notes of the
   same lecture that ask the same question. */

export type DeckName = 'questions' | 'glossary';

export interface Flashcard {
  /** What the card is known by in the marks: its front. */
  id: string;
  front: string;
  back: string;
  /** The moment of the lecture it is about. */
  at: number;
}

export type Mark = 'known' | 'again';
export type Marks = Readonly<Record<string, Mark>>;
export type DeckMarks = Readonly<Record<DeckName, Marks>>;

const cards = (entries: { front: string; back: string; at: number }[]) => {
  const seen = new Set<string>();
  return entries.flatMap(({ front, back, at }) => {
    const id = front.trim();
    if (!id || seen.has(id)) return [];
    seen.add(id);
    return [{ id, front: id, back: back.trim(), at }];
  });
};

/** The review questions, then the glossary, as cards: blank fronts left out, each front once. */
export function decksOf(notes: Pick<LectureNotes, 'reviewQuestions' | 'glossary'>): Record<DeckName, Flashcard[]> {
  return {
    questions: cards(notes.reviewQuestions.map(({ question, answer, at }) => ({ front: question, back: answer, at }))),
    glossary: cards(notes.glossary.map(({ term, definition, firstExplainedAt }) => ({ front: term, back: definition, at: firstExplainedAt }))),
  };
}

/** The cards of a round, in deck order: all of them, or those not yet marked known. */
export function roundOf(deck: readonly Flashcard[], marks: Marks, only: 'all' | 'not-known'): Flashcard[] {
  return only === 'all' ? [...deck] : deck.filter((card) => marks[card.id] !== 'known');
}

interface Tally {
  known: number;
  again: number;
  unmarked: number;
}

export function tallyOf(deck: readonly Flashcard[], marks: Marks): Tally {
  const tally = { known: 0, again: 0, unmarked: 0 };
  for (const card of deck) {
    const mark = marks[card.id];
    if (mark) tally[mark] += 1;
    else tally.unmarked += 1;
  }
  return tally;
}

const EMPTY: DeckMarks = { questions: {}, glossary: {} };

const StoredMarksSchema = z.object({
  questions: z.record(z.string(), z.enum(['known', 'again'])).catch({}),
  glossary: z.record(z.string(), z.enum(['known', 'again'])).catch({}),
});

/** Where a job's marks are kept. */
export const marksStorageKey = (jobId: string) => `lecture-notes.flashcards.${jobId}`;

/** The job's marks; none when nothing is kept or what is kept is not ours to read (another version of the page, a hand edit). */
export function loadMarks(storage: Pick<Storage, 'getItem'>, jobId: string): DeckMarks {
  try {
    const parsed = StoredMarksSchema.safeParse(JSON.parse(storage.getItem(marksStorageKey(jobId)) ?? 'null'));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Keeps the marks; a browser that refuses (storage full, or off in private mode) keeps them for this visit only. */
export function saveMarks(storage: Pick<Storage, 'setItem'>, jobId: string, marks: DeckMarks): boolean {
  try {
    storage.setItem(marksStorageKey(jobId), JSON.stringify(marks));
    return true;
  } catch {
    return false;
  }
}

export const withMark = (marks: DeckMarks, deck: DeckName, cardId: string, mark: Mark): DeckMarks => ({ ...marks, [deck]: { ...marks[deck], [cardId]: mark } });
