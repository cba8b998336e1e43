import type { TermRanking } from './key-terms';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

/** Too short to say anything on its own, or too long to read as a note. */
function lengthFactor(wordCount: number): number {
  if (wordCount < 6) return 0.2;
  if (wordCount < 9) return 0.6;
  if (wordCount <= 35) return 1;
  if (wordCount <= 50) return 0.7;
  return 0.4;
}

/** Opens by pointing back ("It", "This") and so reads badly without the sentence before. */
const LEANS_ON_PREVIOUS = /^(?:it|this|that|these|those|they|he|she|then|also)\b/iu;

/**
 * How central each sentence is to the chunk: the weight of the key terms it
 * mentions, so sentences about the chunk's topic win over asides. Indexed by
 * sentence position; fillers weigh nothing.
 */
export function weighSentences(sentences: readonly AnalysedSentence[], ranking: TermRanking): number[] {
  const topScore = ranking.terms[0]?.score ?? 1;
  // The square root keeps the chunk's one dominant term from outweighing a sentence full of the others.
  const termWeight = new Map(ranking.terms.map((term) => [term.key, Math.sqrt(term.score / topScore)]));
  return sentences.map((sentence) => {
    if (sentence.isFiller) return 0;
    const keys = new Set(mentionsOf(sentence).map((mention) => mention.key));
    // The base keeps a sentence without key terms ahead of fillers when a section has little else.
    const termsWeight = [...keys].reduce((sum, key) => sum + (termWeight.get(key) ?? 0), 0.1);
    let weight = termsWeight * lengthFactor(sentence.wordCount);
    if (ranking.definingPositions.has(sentence.position)) weight *= 1.5;
    if (sentence.text.endsWith('?')) weight *= 0.6;
    if (LEANS_ON_PREVIOUS.test(sentence.text)) weight *= 0.8;
    return weight;
  });
}
