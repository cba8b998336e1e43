import type {
  ActionItem,
  GlossaryEntry,
  MergedNotes,
  NotesEngine,
  NotesSection,
  ReviewQuestion,
  StoredChunkNotes,
  TokenUsage,
} from '../contracts/notes';

/**
 * Sentences are separated by short pauses, so a section that continues into
 * the next chunk rarely starts at the exact second the previous one ended.
 */
const TOUCH_TOLERANCE_SECONDS = 2;
/** A glossary definition this long reads as one line; shorter ones are fragments, longer ones run on. */
const GOOD_DEFINITION_WORDS = { min: 6, max: 30 };

export interface MergeChunkNotesInput {
  jobId: string;
  chunks: readonly StoredChunkNotes[];
  fileName: string;
  durationSeconds: number;
  language: string;
}

/** Lower case, letters and digits only: "Transactions, " and "transactions" are the same text. */
const normalisedText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A word's simple singular, with a final "e" dropped so both "cache" and
 * "caches" (which loses only its "s") land on the same key.
 */
function singularWord(word: string): string {
  const singular = /[^aeiou]ies$/u.test(word)
    ? `${word.slice(0, -3)}y`
    : /(?:ss|x|ch|sh|z)es$/u.test(word)
      ? word.slice(0, -2)
      : /[^siu]s$/u.test(word)
        ? word.slice(0, -1)
        : word;
  return singular.length > 2 ? singular.replace(/e$/u, '') : singular;
}

/** What makes two key terms the same term: case, punctuation and simple plurals aside. */
const termKey = (term: string) => normalisedText(term).split(' ').map(singularWord).join(' ');

function inSequence(jobId: string, chunks: readonly StoredChunkNotes[]): StoredChunkNotes[] {
  if (chunks.length === 0) throw new Error(`No chunk notes to merge for job ${jobId}: the notes step produced nothing.`);
  const ordered = [...chunks].sort((a, b) => a.chunkIndex - b.chunkIndex);
  const indexes = ordered.map((chunk) => chunk.chunkIndex);
  const duplicated = [...new Set(indexes.filter((index, position) => indexes[position - 1] === index))];
  const last = indexes.at(-1)!;
  const present = new Set(indexes);
  const missing = Array.from({ length: last + 1 }, (_, index) => index).filter((index) => !present.has(index));
  if (duplicated.length > 0 || missing.length > 0) {
    const problems = [
      missing.length > 0 ? `missing chunk(s) ${missing.join(', ')}` : '',
      duplicated.length > 0 ? `chunk(s) ${duplicated.join(', ')} given more than once` : '',
    ].filter(Boolean);
    throw new Error(
      `Cannot merge the notes of job ${jobId}: expected chunks 0 to ${last} exactly once each, but ${problems.join(' and ')}. Re-run the notes step for the job.`,
    );
  }
  return ordered;
}

const sameTitle = (a: NotesSection, b: NotesSection) => termKey(a.title) === termKey(b.title);

/** Items said again (in the overlap between chunks, or by both sides of a join) are kept once, the first time. */
function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joinSections(first: NotesSection, second: NotesSection): NotesSection {
  return {
    title: first.title,
    start: Math.min(first.start, second.start),
    end: Math.max(first.end, second.end),
    summary: first.summary || second.summary,
    keyPoints: uniqueBy([...first.keyPoints, ...(first.summary && second.summary ? [second.summary] : []), ...second.keyPoints], normalisedText),
    definitions: uniqueBy([...first.definitions, ...second.definitions], (definition) => termKey(definition.term)),
    examples: uniqueBy([...first.examples, ...second.examples], normalisedText),
    formulas: uniqueBy([...first.formulas, ...second.formulas], normalisedText),
    lists: uniqueBy([...first.lists, ...second.lists], (list) => normalisedText([list.title, ...list.items].join(' '))),
  };
}

/**
 * Sections in lecture order. A chunk that opens in the topic the previous one
 * ended with (continuesPreviousTopic) has its first section joined into the
 * previous chunk's last; so has a first section that carries the same title
 * and touches it in time.
 */
function lectureSections(chunks: readonly StoredChunkNotes[]): NotesSection[] {
  const joined: NotesSection[] = [];
  for (const chunk of chunks) {
    chunk.notes.sections.forEach((section, index) => {
      const previous = joined.at(-1);
      // Only a chunk's first section can carry on across the boundary; later ones follow a break the chunk's own notes made.
      const opensChunk = index === 0;
      const touches = previous !== undefined && section.start <= previous.end + TOUCH_TOLERANCE_SECONDS;
      if (previous && opensChunk && (chunk.notes.continuesPreviousTopic || (touches && sameTitle(previous, section)))) joined[joined.length - 1] = joinSections(previous, section);
      else joined.push(section);
    });
  }
  return joined;
}

const wordCount = (text: string) => normalisedText(text).split(' ').filter(Boolean).length;

/** How well a definition serves as the glossary's one line: a complete defining sentence of reasonable length wins. */
function definitionQuality(definition: string): number {
  const words = wordCount(definition);
  const reasonable = words >= GOOD_DEFINITION_WORDS.min && words <= GOOD_DEFINITION_WORDS.max;
  const complete = !/…$/u.test(definition.trim());
  return (reasonable ? 2 : 0) + (complete ? 1 : 0) - Math.abs(words - 15) / 100;
}

/** One entry per term (case, punctuation and simple plurals aside): the best definition, the earliest explanation. */
function lectureGlossary(chunks: readonly StoredChunkNotes[]): GlossaryEntry[] {
  const byKey = new Map<string, GlossaryEntry>();
  for (const entry of chunks.flatMap((chunk) => chunk.notes.glossary)) {
    const key = termKey(entry.term);
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, { ...entry });
      continue;
    }
    const better = definitionQuality(entry.definition) > definitionQuality(known.definition) ? entry : known;
    byKey.set(key, { term: known.firstExplainedAt <= entry.firstExplainedAt ? known.term : entry.term, definition: better.definition, firstExplainedAt: Math.min(known.firstExplainedAt, entry.firstExplainedAt) });
  }
  return [...byKey.values()].sort((a, b) => a.firstExplainedAt - b.firstExplainedAt);
}

const lectureQuestions = (chunks: readonly StoredChunkNotes[]): ReviewQuestion[] =>
  uniqueBy(
    chunks.flatMap((chunk) => chunk.notes.reviewQuestions),
    (question) => normalisedText(question.question),
  );

/** Words this short are mostly function words, in any language; the words that name a task are longer. */
const MIN_TASK_WORD_LETTERS = 4;
/** Without a shared deadline, a reminder must share this many of the task's words to be the same task. */
const SAME_TASK_WORDS = 3;

const wordsOf = (text: string) => new Set(normalisedText(text).split(' ').filter(Boolean));

/** "next Friday" and "next Friday at five PM" name the same deadline: one says all the other does. */
function sameDeadline(a: string, b: string): boolean {
  const [left, right] = [wordsOf(a), wordsOf(b)];
  if (left.size === 0 || right.size === 0) return false;
  const [fewer, more] = left.size <= right.size ? [left, right] : [right, left];
  return [...fewer].every((word) => more.has(word));
}

/** A reminder of an assignment already listed: the same deadline and a word of the task in common, or much of the task's wording. */
function remindsOf(item: ActionItem, earlier: ActionItem): boolean {
  const taskWords = (candidate: ActionItem) => {
    const due = wordsOf(candidate.due);
    return [...wordsOf(candidate.task)].filter((word) => [...word].length >= MIN_TASK_WORD_LETTERS && !due.has(word));
  };
  const earlierWords = new Set(taskWords(earlier));
  const shared = taskWords(item).filter((word) => earlierWords.has(word)).length;
  return shared >= SAME_TASK_WORDS || (shared >= 1 && sameDeadline(item.due, earlier.due));
}

/** Each assignment once, where it was first given, with the fullest deadline any reminder of it said. */
function lectureActionItems(chunks: readonly StoredChunkNotes[]): ActionItem[] {
  const items: ActionItem[] = [];
  for (const item of chunks.flatMap((chunk) => chunk.notes.actionItems)) {
    const index = items.findIndex((earlier) => normalisedText(earlier.task) === normalisedText(item.task) || remindsOf(item, earlier));
    const earlier = items[index];
    if (!earlier) items.push({ ...item });
    else if (wordsOf(item.due).size > wordsOf(earlier.due).size) items[index] = { ...earlier, due: item.due };
  }
  return items;
}

/** The engine most chunks used; on a tie, the one the lecture started with. */
function majorityEngine(chunks: readonly StoredChunkNotes[]): NotesEngine {
  const counts = new Map<string, { engine: NotesEngine; count: number }>();
  for (const { engine } of chunks) {
    const key = `${engine.kind}\u0000${engine.model}`;
    const entry = counts.get(key) ?? { engine, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { engine: NotesEngine; count: number } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count) best = entry;
  }
  return { ...best!.engine };
}

const totalUsage = (chunks: readonly StoredChunkNotes[]): TokenUsage => ({
  inputTokens: chunks.reduce((sum, chunk) => sum + chunk.usage.inputTokens, 0),
  outputTokens: chunks.reduce((sum, chunk) => sum + chunk.usage.outputTokens, 0),
});

/**
 * Joins the notes of a lecture's chunks, given in any order, into the
 * lecture's merged notes: what the reduce step reads. Pure.
 */
export function mergeChunkNotes(input: MergeChunkNotesInput): MergedNotes {
  const chunks = inSequence(input.jobId, input.chunks);
  return {
    jobId: input.jobId,
    sections: lectureSections(chunks),
    glossary: lectureGlossary(chunks),
    reviewQuestions: lectureQuestions(chunks),
    actionItems: lectureActionItems(chunks),
    source: { fileName: input.fileName, durationSeconds: input.durationSeconds, language: input.language, engine: majorityEngine(chunks) },
    usage: totalUsage(chunks),
  };
}
