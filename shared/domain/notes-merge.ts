import type { KeyTerm, LectureNotes, NotesEngine, NotesSection, StoredChunkNotes, TokenUsage } from '../contracts/notes';

const MAX_SUMMARY_SENTENCES = 6;
const MAX_KEY_TERMS = 20;
/**
 * Sentences are separated by short pauses, so a section that continues into
 * the next chunk rarely starts at the exact second the previous one ended.
 */
const TOUCH_TOLERANCE_SECONDS = 2;
const FALLBACK_TITLE = 'Lecture notes';

export interface MergeChunkNotesInput {
  jobId: string;
  chunks: readonly StoredChunkNotes[];
  durationSeconds: number;
  generatedAt: string;
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

/** In how many chunks each key term appears: the lecture's recurring vocabulary. */
function termSpread(chunks: readonly StoredChunkNotes[]): Map<string, number> {
  const spread = new Map<string, number>();
  for (const chunk of chunks) {
    for (const key of new Set(chunk.notes.keyTerms.map((keyTerm) => termKey(keyTerm.term)))) spread.set(key, (spread.get(key) ?? 0) + 1);
  }
  return spread;
}

/** An earlier title wins while it names at least this share of what the best title names. */
const EARLY_TITLE_SHARE = 0.75;

/**
 * A chunk title that names the lecture's recurring key terms. Lecturers
 * announce their topic at the start, so the earliest title that names nearly
 * as many as the best one wins; a first title that names none ("Course
 * Logistics") gives way, and with no title naming a recurring term the
 * first one stays.
 */
function lectureTitle(chunks: readonly StoredChunkNotes[], spread: ReadonlyMap<string, number>): string {
  const titled = chunks.filter((chunk) => chunk.notes.title.trim() !== '');
  const coverage = (title: string) => {
    const words = new Set(termKey(title).split(' '));
    return [...spread].filter(([key]) => key.split(' ').every((word) => words.has(word))).reduce((sum, [, chunkCount]) => sum + chunkCount, 0);
  };
  const coverages = titled.map((chunk) => coverage(chunk.notes.title));
  const best = Math.max(0, ...coverages);
  const earliest = titled.find((_, index) => coverages[index]! >= EARLY_TITLE_SHARE * best);
  return earliest?.notes.title.trim() ?? FALLBACK_TITLE;
}

const sentencesOf = (text: string) => text.trim().split(/(?<=[.!?…])\s+/u).filter((sentence) => normalisedText(sentence) !== '');

/** Chunk positions to draw from first: evenly spread over the lecture when there are more chunks than sentences wanted. */
function drawingOrder(chunkCount: number): number[] {
  const all = Array.from({ length: chunkCount }, (_, position) => position);
  if (chunkCount <= MAX_SUMMARY_SENTENCES) return all;
  const spread = Array.from({ length: MAX_SUMMARY_SENTENCES }, (_, pick) => Math.round((pick * (chunkCount - 1)) / (MAX_SUMMARY_SENTENCES - 1)));
  return [...new Set([...spread, ...all])];
}

/**
 * Up to 6 sentences from the chunk summaries, taken in rounds (each chunk's
 * first sentence, then each chunk's second, ...) so the whole lecture is
 * covered, then put back in lecture order.
 */
function lectureSummary(chunks: readonly StoredChunkNotes[]): string {
  const summaries = chunks.map((chunk) => sentencesOf(chunk.notes.summary));
  const seen = new Set<string>();
  const chosen: Array<{ chunk: number; sentence: number; text: string }> = [];
  const rounds = Math.max(0, ...summaries.map((sentences) => sentences.length));
  for (let round = 0; round < rounds && chosen.length < MAX_SUMMARY_SENTENCES; round++) {
    for (const chunk of drawingOrder(chunks.length)) {
      const text = summaries[chunk]?.[round];
      if (!text || chosen.length >= MAX_SUMMARY_SENTENCES || seen.has(normalisedText(text))) continue;
      seen.add(normalisedText(text));
      chosen.push({ chunk, sentence: round, text });
    }
  }
  return chosen
    .sort((a, b) => a.chunk - b.chunk || a.sentence - b.sentence)
    .map((sentence) => sentence.text)
    .join(' ');
}

/**
 * One entry per term (first spelling kept, longest definition kept). Past the
 * cap, the terms that recur in most chunks stay, then those with a
 * definition, then those their chunk ranked higher (each chunk lists its key
 * terms best first), so every part of the lecture keeps its main terms; the
 * list keeps the order in which the lecture introduces them.
 */
function lectureKeyTerms(chunks: readonly StoredChunkNotes[], spread: ReadonlyMap<string, number>): KeyTerm[] {
  const byKey = new Map<string, KeyTerm & { bestRank: number }>();
  for (const chunk of chunks) {
    chunk.notes.keyTerms.forEach(({ term, definition }, rank) => {
      const key = termKey(term);
      if (!key) return;
      const known = byKey.get(key);
      if (!known) byKey.set(key, { term: term.trim(), definition: definition.trim(), bestRank: rank });
      else {
        if (definition.trim().length > known.definition.length) known.definition = definition.trim();
        known.bestRank = Math.min(known.bestRank, rank);
      }
    });
  }
  const inOrder = [...byKey];
  const kept = new Set(
    [...inOrder]
      .sort(
        ([keyA, a], [keyB, b]) =>
          (spread.get(keyB) ?? 0) - (spread.get(keyA) ?? 0) || Number(b.definition !== '') - Number(a.definition !== '') || a.bestRank - b.bestRank,
      )
      .slice(0, MAX_KEY_TERMS)
      .map(([key]) => key),
  );
  return inOrder.filter(([key]) => kept.has(key)).map(([, { term, definition }]) => ({ term, definition }));
}

const sameHeading = (a: NotesSection, b: NotesSection) => a.heading.trim().toLowerCase() === b.heading.trim().toLowerCase();

/**
 * Sections in time order. A topic that runs across a chunk boundary comes out
 * of both chunks under the same heading and is joined back into one section;
 * a point said again in the overlap between chunks is kept once.
 */
function lectureSections(chunks: readonly StoredChunkNotes[]): NotesSection[] {
  const ordered = chunks.flatMap((chunk) => chunk.notes.sections).sort((a, b) => a.start - b.start);
  const joined: NotesSection[] = [];
  for (const section of ordered) {
    const previous = joined.at(-1);
    if (previous && sameHeading(previous, section) && section.start <= previous.end + TOUCH_TOLERANCE_SECONDS) {
      previous.end = Math.max(previous.end, section.end);
      previous.points.push(...section.points);
    } else {
      joined.push({ ...section, heading: section.heading.trim(), points: [...section.points] });
    }
  }
  const seenPoints = new Set<string>();
  return joined
    .map((section) => ({
      ...section,
      points: section.points.filter((point) => {
        const key = normalisedText(point);
        if (!key || seenPoints.has(key)) return false;
        seenPoints.add(key);
        return true;
      }),
    }))
    .filter((section) => section.points.length > 0);
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

/** Joins the notes of a lecture's chunks, given in any order, into the lecture's notes. */
export function mergeChunkNotes(input: MergeChunkNotesInput): LectureNotes {
  const chunks = inSequence(input.jobId, input.chunks);
  const spread = termSpread(chunks);
  return {
    jobId: input.jobId,
    title: lectureTitle(chunks, spread),
    summary: lectureSummary(chunks),
    durationSeconds: input.durationSeconds,
    keyTerms: lectureKeyTerms(chunks, spread),
    sections: lectureSections(chunks),
    engine: majorityEngine(chunks),
    usage: totalUsage(chunks),
    generatedAt: input.generatedAt,
  };
}
