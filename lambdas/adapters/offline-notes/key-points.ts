import { countWords, withinWords } from './word-budget';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_POINTS = 7;
const MAX_POINT_WORDS = 30;
/** Maximal marginal relevance: how much centrality counts against repeating what the points already say. */
const RELEVANCE_SHARE = 0.7;

function similarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  const shared = [...left].filter((key) => right.has(key)).length;
  return shared / (left.size + right.size - shared);
}

/**
 * The section's key sentences, quoted in spoken order: chosen by centrality
 * with maximal marginal relevance, so a point that repeats the terms of one
 * already chosen loses to one that adds something, until the section's word
 * budget is spent. Fillers and asides never become points; sentences quoted
 * elsewhere in the section (`quoted`) are not quoted again; a long one is
 * quoted to a clause end or not at all. With
 * `mustSaySomething`, the first point is kept whatever the budget.
 */
export function keyPoints(
  section: readonly AnalysedSentence[],
  weights: readonly number[],
  quoted: ReadonlySet<number>,
  { wordBudget, mustSaySomething }: { wordBudget: number; mustSaySomething: boolean },
): string[] {
  const quotable = new Map(section.map((sentence) => [sentence, withinWords(sentence.text, MAX_POINT_WORDS)]));
  const candidates = section.filter(
    (sentence) => !sentence.isFiller && !quoted.has(sentence.position) && (weights[sentence.position] ?? 0) > 0 && !sentence.text.trimEnd().endsWith('?') && quotable.get(sentence) !== undefined,
  );
  const topWeight = Math.max(0, ...candidates.map((sentence) => weights[sentence.position]!));
  const termsOf = new Map(candidates.map((sentence) => [sentence, new Set(mentionsOf(sentence).map((mention) => mention.key))]));
  const chosen: AnalysedSentence[] = [];
  let words = 0;
  let remaining = [...candidates];
  while (chosen.length < MAX_POINTS && remaining.length > 0) {
    const marginal = (sentence: AnalysedSentence) =>
      RELEVANCE_SHARE * (weights[sentence.position]! / topWeight) -
      (1 - RELEVANCE_SHARE) * Math.max(0, ...chosen.map((other) => similarity(termsOf.get(sentence)!, termsOf.get(other)!)));
    const best = remaining.reduce((winner, sentence) => (marginal(sentence) > marginal(winner) ? sentence : winner));
    const cost = countWords(quotable.get(best)!);
    if ((chosen.length > 0 || !mustSaySomething) && words + cost > wordBudget) break;
    chosen.push(best);
    words += cost;
    remaining = remaining.filter((sentence) => sentence !== best);
  }
  return chosen.sort((a, b) => a.position - b.position).map((sentence) => quotable.get(sentence)!);
}
