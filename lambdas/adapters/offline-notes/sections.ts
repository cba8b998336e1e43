import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_SECTIONS = 4;
/** Fewer sentences than this make a section too thin to have 3 points. */
const MIN_SECTION_SENTENCES = 5;
/** Without spoken cues, one section per this many sentences. */
const SENTENCES_PER_SECTION = 12;
/** Sentences on each side of a gap that lexical cohesion compares. */
const COHESION_WINDOW = 4;

const OPENER = String.raw`^(?:(?:so|okay|ok|alright|all right|and|now|right|today|then)[,\s]+)*`;

/** Phrases lecturers use to move to a new topic; the topic often follows the verb. */
const TOPIC_SHIFTS = [
  new RegExp(
    `${OPENER}(?:let's|let us|we'll|we will|we're going to|we are going to|i want to|i'd like to|i'm going to|i am going to)\\s+(?:now\\s+)?(?:talk about|turn to|move on to|move to|switch to|discuss|get to|focus on|go over)\\s+(?<topic>.+)$`,
    'iu',
  ),
  new RegExp(`${OPENER}(?:next|moving on|turning to|switching gears|that brings us to)\\b[,\\s]*(?:(?:we have|is|up|to)\\s+)?(?<topic>.*)$`, 'iu'),
  new RegExp(
    `${OPENER}(?:the|our|a|my)\\s+(?:second|third|fourth|next|last|final|other)\\s+(?:topic|part|thing|big idea|idea|concept|question|section|issue|area)\\b(?<topic>.*)$`,
    'iu',
  ),
  new RegExp(`${OPENER}another (?:topic|important idea|idea|concept|thing i want)\\b(?<topic>.*)$`, 'iu'),
];

/** What the sentence announces as the next topic ("" when it shifts topic without naming one), or undefined. */
export function announcedTopic(sentence: AnalysedSentence): string | undefined {
  for (const pattern of TOPIC_SHIFTS) {
    const match = pattern.exec(sentence.text);
    if (match) return (match.groups?.topic ?? '').trim();
  }
  return undefined;
}

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

/** Adds boundaries in the given order while every section keeps its minimum size. */
function placeBoundaries(candidates: readonly number[], sentenceCount: number, maxBoundaries: number): number[] {
  const boundaries: number[] = [];
  for (const candidate of candidates) {
    if (boundaries.length >= maxBoundaries) break;
    const cuts = [0, ...boundaries, candidate, sentenceCount].sort((a, b) => a - b);
    const fits = cuts.every((cut, index) => index === 0 || cut - cuts[index - 1]! >= MIN_SECTION_SENTENCES);
    if (fits) boundaries.push(candidate);
  }
  return boundaries.sort((a, b) => a - b);
}

/**
 * Splits the chunk into 1–4 topical sections. Spoken cues ("now let's talk
 * about ...") are the lecturer's own structure and win; without them the
 * sections break where the vocabulary changes most.
 */
export function splitIntoSections(sentences: readonly AnalysedSentence[]): AnalysedSentence[][] {
  const maxBoundaries = Math.min(MAX_SECTIONS, Math.floor(sentences.length / MIN_SECTION_SENTENCES)) - 1;
  let boundaries: number[] = [];
  if (maxBoundaries > 0) {
    const cued = sentences.filter((sentence) => sentence.position > 0 && announcedTopic(sentence) !== undefined).map((sentence) => sentence.position);
    boundaries = placeBoundaries(cued, sentences.length, maxBoundaries);
    if (boundaries.length === 0) {
      const depths = gapDepths(sentences);
      const deepestFirst = depths.map((depth, gap) => ({ depth, gap })).filter(({ gap }) => gap > 0).sort((a, b) => b.depth - a.depth || a.gap - b.gap);
      const wanted = Math.min(maxBoundaries, Math.round(sentences.length / SENTENCES_PER_SECTION) - 1);
      boundaries = placeBoundaries(deepestFirst.map(({ gap }) => gap), sentences.length, wanted);
    }
  }
  const cuts = [0, ...boundaries, sentences.length];
  return cuts.slice(1).map((end, index) => sentences.slice(cuts[index], end)).filter((section) => section.length > 0);
}
