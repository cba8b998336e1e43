import type { LectureNotes } from '../../shared/contracts/notes';
import { countSpokenWords } from '../../shared/domain/sentences';
import type { AnswerKey } from './answer-key';

/** What the notes are scored against besides the key: the lecture as spoken. */
export type ScoredLecture = { words: number; durationSeconds: number };

export type NotesScore = {
  /** Share of the key's terms that the glossary or a section's definitions name. */
  keyTermRecall: number;
  /** Share of the key's definitions that the notes give with at least half of the key's mentions. */
  definitionsFound: number;
  /** Share of the key's topic changes with a notes section starting within 60 s of it. */
  sectionStartsWithin60s: number;
  sections: number;
  /**
   * How much of the lecture the notes hold: words of the notes' distinct texts over the lecture's
   * words. A quote the notes repeat (a definition in its section, the glossary and a question's
   * answer) holds no more of the lecture the second time, so it counts once.
   */
  wordShare: number;
  /** Words a reader goes through, every copy counted, over the lecture's words. */
  readingShare: number;
  /** Those words by top-level field, to see what makes the notes long. */
  wordsByField: Partial<Record<keyof LectureNotes, number>>;
  /** Glossary entries whose term an earlier entry already has. */
  glossaryDuplicates: number;
  /** `answeredInLecture`: with an answer and a time inside the lecture. */
  questions: { count: number; answeredInLecture: number };
  /** Share of the key's action items the notes list; null when the key has none. */
  actionItemsFound: number | null;
  /** What the key has that the notes lack: where to look when tuning an engine. */
  missed: { keyTerms: string[]; definitions: string[]; sectionStarts: number[] };
};

/** How near a key topic change a notes section must start to count as found. */
export const SECTION_START_TOLERANCE_SECONDS = 60;

/** Bookkeeping and words about the engine: not what the notes say about the lecture. */
const NOT_LECTURE_TEXT = new Set<keyof LectureNotes>(['jobId', 'generatedAt', 'source', 'caveats', 'usage']);

/*
 * Case, punctuation and simple plurals do not count: "Free-body diagrams" is "free body diagram".
 * Apostrophes go without a space so that "Newton's" stays one word.
 */
export function normalisedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(singular);
}

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:sses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

const phrase = (text: string) => ` ${normalisedWords(text).join(' ')} `;

/** `part` as whole words somewhere in `whole`, both normalised. */
const containsWords = (whole: string, part: string) => phrase(part).trim() !== '' && phrase(whole).includes(phrase(part));

/** A notes term names a key term when it is one of the key's names or holds one as whole words. */
const namesTerm = (notesTerm: string, names: readonly string[]) => names.some((name) => containsWords(notesTerm, name));

const share = (found: number, of: number) => (of === 0 ? 0 : found / of);

export function scoreNotes(notes: LectureNotes, key: AnswerKey, lecture: ScoredLecture): NotesScore {
  const definitions = [...notes.glossary, ...notes.sections.flatMap((section) => section.definitions)];
  const terms = definitions.map((definition) => definition.term);

  const termsFound = key.keyTerms.filter(({ term, alternates }) => terms.some((notesTerm) => namesTerm(notesTerm, [term, ...alternates])));

  const definitionsFound = key.definitions.filter(({ term, alternates, mentions }) =>
    definitions.some(
      (definition) =>
        namesTerm(definition.term, [term, ...alternates]) &&
        2 * mentions.filter((mention) => containsWords(definition.definition, mention)).length >= mentions.length,
    ),
  );

  const startsFound = key.sectionStarts.filter((start) =>
    notes.sections.some((section) => Math.abs(section.start - start) <= SECTION_START_TOLERANCE_SECONDS),
  );

  const seenTerms = new Set<string>();
  let glossaryDuplicates = 0;
  for (const entry of notes.glossary) {
    const term = phrase(entry.term);
    if (seenTerms.has(term)) glossaryDuplicates += 1;
    seenTerms.add(term);
  }

  const answeredInLecture = notes.reviewQuestions.filter(
    (question) => question.answer.trim() !== '' && question.at >= 0 && question.at <= lecture.durationSeconds,
  );

  const actionItemsFound = key.actionItems.filter(({ mentions }) =>
    notes.actionItems.some((item) => 2 * mentions.filter((mention) => containsWords(`${item.task} ${item.due}`, mention)).length >= mentions.length),
  );

  return {
    keyTermRecall: share(termsFound.length, key.keyTerms.length),
    definitionsFound: share(definitionsFound.length, key.definitions.length),
    sectionStartsWithin60s: share(startsFound.length, key.sectionStarts.length),
    sections: notes.sections.length,
    wordShare: share(distinctNotesWords(notes), lecture.words),
    readingShare: share(notesWords(notes), lecture.words),
    wordsByField: notesWordsByField(notes),
    glossaryDuplicates,
    questions: { count: notes.reviewQuestions.length, answeredInLecture: answeredInLecture.length },
    actionItemsFound: key.actionItems.length === 0 ? null : share(actionItemsFound.length, key.actionItems.length),
    missed: {
      keyTerms: key.keyTerms.filter((keyTerm) => !termsFound.includes(keyTerm)).map(({ term }) => term),
      definitions: key.definitions.filter((definition) => !definitionsFound.includes(definition)).map(({ term }) => term),
      sectionStarts: key.sectionStarts.filter((start) => !startsFound.includes(start)),
    },
  };
}

/** Words in every string the notes hold about the lecture, at any depth. */
export const notesWords = (notes: LectureNotes): number => Object.values(notesWordsByField(notes)).reduce((sum, words) => sum + words, 0);

export function notesWordsByField(notes: LectureNotes): Partial<Record<keyof LectureNotes, number>> {
  const lectureText = Object.entries(notes).filter(([field]) => !NOT_LECTURE_TEXT.has(field as keyof LectureNotes));
  return Object.fromEntries(lectureText.map(([field, value]) => [field, wordsIn(value)]));
}

/** Words of each distinct text once: case, spacing and end punctuation aside. */
export function distinctNotesWords(notes: LectureNotes): number {
  const texts = new Set(
    Object.entries(notes)
      .filter(([field]) => !NOT_LECTURE_TEXT.has(field as keyof LectureNotes))
      .flatMap(([, value]) => textsIn(value))
      .map((text) => text.toLowerCase().replace(/\s+/gu, ' ').replace(/[\s.!?;:,…]+$/u, '').trim()),
  );
  return [...texts].reduce((words, text) => words + countSpokenWords(text), 0);
}

function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsIn);
  return [];
}

function wordsIn(value: unknown): number {
  if (typeof value === 'string') return countSpokenWords(value);
  if (Array.isArray(value)) return value.reduce((words: number, item) => words + wordsIn(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((words: number, item) => words + wordsIn(item), 0);
  return 0;
}
