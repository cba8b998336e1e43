import { clipWords } from './clip-words';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_SENTENCE_WORDS = 50;
/** Chunks with this many sentences get a third summary sentence. */
const LONG_CHUNK_SENTENCES = 15;
/** How much a sentence loses for repeating terms the summary already has: 1 would rule out any overlap. */
const REPETITION_PENALTY = 0.7;

/**
 * The chunk's most central sentences, chosen one at a time so each adds terms
 * the others lack, then quoted in spoken order so the summary follows the
 * lecturer's line of thought.
 */
export function summarise(sentences: readonly AnalysedSentence[], weights: readonly number[]): string {
  const wanted = sentences.length >= LONG_CHUNK_SENTENCES ? 3 : 2;
  const termsOf = new Map(sentences.map((sentence) => [sentence, new Set(mentionsOf(sentence).map((mention) => mention.key))]));
  const covered = new Set<string>();
  const chosen: AnalysedSentence[] = [];
  let remaining = sentences.filter((sentence) => (weights[sentence.position] ?? 0) > 0);
  while (chosen.length < wanted && remaining.length > 0) {
    const gain = (sentence: AnalysedSentence) => {
      const terms = [...termsOf.get(sentence)!];
      const repeated = terms.length === 0 ? 0 : terms.filter((term) => covered.has(term)).length / terms.length;
      return weights[sentence.position]! * (1 - REPETITION_PENALTY * repeated);
    };
    const best = remaining.reduce((winner, sentence) => (gain(sentence) > gain(winner) ? sentence : winner));
    chosen.push(best);
    termsOf.get(best)!.forEach((term) => covered.add(term));
    remaining = remaining.filter((sentence) => sentence !== best);
  }
  const quoted = chosen.length > 0 ? chosen.sort((a, b) => a.position - b.position) : sentences.slice(0, 1);
  return quoted.map((sentence) => clipWords(sentence.text, MAX_SENTENCE_WORDS)).join(' ');
}
