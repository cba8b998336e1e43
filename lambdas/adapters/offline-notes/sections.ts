import { announcedTopic } from './announcements';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_SECTIONS = 5;
/** Fewer sentences than this make a section too thin to have 3 points. */
const MIN_SECTION_SENTENCES = 5;
/** Without spoken cues, one section per this many sentences. */
const SENTENCES_PER_SECTION = 18;
/** A section this long is more than one topic even when the lecturer does not say where the next begins. */
const LONG_SECTION_SENTENCES = 2 * SENTENCES_PER_SECTION;
/** A split without a spoken cue leaves at least this much on each side: the depth score is least reliable near a section's edges. */
const MIN_UNCUED_SECTION_SENTENCES = 8;
/** Sentences on each side of a gap that lexical cohesion compares. */
const COHESION_WINDOW = 4;

function cosine(left: ReadonlyMap<string, number>, right: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [term, count] of left) dot += count * (right.get(term) ?? 0);
  const norm = (bag: ReadonlyMap<string, number>) => Math.sqrt([...bag.values()].reduce((sum, count) => sum + count * count, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : dot / denominator;
}

/** The terms the sentences mention, counted: nouns carry the topic, verbs like "use" or "keep" do not. */
function bagOf(sentences: readonly AnalysedSentence[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const { key } of sentences.flatMap(mentionsOf)) bag.set(key, (bag.get(key) ?? 0) + 1);
  return bag;
}

/** The similarity reached by climbing from a gap while it keeps rising, in one direction. */
function climb(similarity: readonly number[], from: number, step: 1 | -1): number {
  let peak = similarity[from]!;
  for (let gap = from + step; gap >= 1 && gap < similarity.length && similarity[gap]! >= peak; gap += step) peak = similarity[gap]!;
  return peak;
}

/**
 * How sharply the vocabulary changes at each gap (index i = before sentence i),
 * as TextTiling's depth score: how far the similarity of the sentences on
 * either side dips below the nearest peaks.
 */
function gapDepths(sentences: readonly AnalysedSentence[]): number[] {
  const similarity = sentences.map((_, gap) =>
    gap === 0 ? 0 : cosine(bagOf(sentences.slice(Math.max(0, gap - COHESION_WINDOW), gap)), bagOf(sentences.slice(gap, gap + COHESION_WINDOW))),
  );
  return similarity.map((value, gap) => (gap === 0 ? 0 : climb(similarity, gap, -1) - value + (climb(similarity, gap, 1) - value)));
}

/**
 * Which ends of the chunk run on into a neighbouring chunk: a section there
 * may be short, because the merge joins it with the neighbour's when the
 * topic carries on, so a topic change near a chunk boundary still starts a
 * section where the lecturer makes it.
 */
export interface OpenEdges {
  start: boolean;
  end: boolean;
}

/** Adds boundaries in the given order while every section keeps its minimum size. */
function placeBoundaries(candidates: readonly number[], sentenceCount: number, maxBoundaries: number, open: OpenEdges): number[] {
  const boundaries: number[] = [];
  for (const candidate of candidates) {
    if (boundaries.length >= maxBoundaries) break;
    const cuts = [0, ...boundaries, candidate, sentenceCount].sort((a, b) => a - b);
    const fits = cuts.every((cut, index) => {
      if (index === 0) return true;
      const isOpenEdge = (index === 1 && open.start) || (index === cuts.length - 1 && open.end);
      return cut - cuts[index - 1]! >= (isOpenEdge ? 1 : MIN_SECTION_SENTENCES);
    });
    if (fits) boundaries.push(candidate);
  }
  return boundaries.sort((a, b) => a - b);
}

/** The gap in [from, to] where the vocabulary changes most, the first on a tie. */
function deepestGap(depths: readonly number[], from: number, to: number): number | undefined {
  let deepest: number | undefined;
  for (let gap = from; gap <= to; gap++) {
    if (deepest === undefined || depths[gap]! > depths[deepest]!) deepest = gap;
  }
  return deepest;
}

/**
 * Adds boundaries at the deepest gap of the longest section until there are
 * `wanted`. Next to the lecturer's own cues, only a section too long to be one
 * topic is split.
 */
function splitLongest(boundaries: readonly number[], depths: readonly number[], sentenceCount: number, wanted: number): number[] {
  const isCued = boundaries.length > 0;
  const placed = [...boundaries];
  while (placed.length < wanted) {
    const cuts = [0, ...placed.sort((a, b) => a - b), sentenceCount];
    const longestFirst = cuts
      .slice(1)
      .map((end, index) => ({ start: cuts[index]!, end }))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const split = longestFirst
      .filter(({ start, end }) => !isCued || end - start >= LONG_SECTION_SENTENCES)
      .map(({ start, end }) => deepestGap(depths, start + MIN_UNCUED_SECTION_SENTENCES, end - MIN_UNCUED_SECTION_SENTENCES))
      .find((gap) => gap !== undefined);
    if (split === undefined) break;
    placed.push(split);
  }
  return placed.sort((a, b) => a - b);
}

/**
 * Splits the chunk into 1–5 topical sections. Spoken cues ("now let's talk
 * about ...") are the lecturer's own structure and win; where they are too
 * few for the chunk's length, the sections also break where the vocabulary
 * changes most.
 */
export function splitIntoSections(sentences: readonly AnalysedSentence[], open: OpenEdges = { start: false, end: false }): AnalysedSentence[][] {
  const edgeCuts = Number(open.start) + Number(open.end);
  const maxBoundaries = Math.min(MAX_SECTIONS, Math.floor(sentences.length / MIN_SECTION_SENTENCES) + edgeCuts) - 1;
  let boundaries: number[] = [];
  if (maxBoundaries > 0) {
    const cued = sentences.filter((sentence) => sentence.position > 0 && announcedTopic(sentence) !== undefined).map((sentence) => sentence.position);
    boundaries = placeBoundaries(cued, sentences.length, maxBoundaries, open);
    const wanted = Math.min(maxBoundaries, Math.round(sentences.length / SENTENCES_PER_SECTION) - 1);
    if (boundaries.length < wanted) boundaries = splitLongest(boundaries, gapDepths(sentences), sentences.length, wanted);
  }
  const cuts = [0, ...boundaries, sentences.length];
  return cuts.slice(1).map((end, index) => sentences.slice(cuts[index], end)).filter((section) => section.length > 0);
}
