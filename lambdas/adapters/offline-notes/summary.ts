import { withinWords } from './word-budget';
import type { TaggedToken } from './noun-phrases';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_SENTENCE_WORDS = 16;
/** A summary sentence reads best, and costs the notes least, at this many words. */
const SUMMARY_WORDS = { min: 7, max: 13 };
/** Sections with this many sentences get a second summary sentence. */
const LONG_SECTION_SENTENCES = 30;
/** A sentence the section already quotes as a definition says nothing new as its summary: it is chosen only when far more central. */
const DEFINING_FACTOR = 0.3;
/** How much a sentence loses for repeating terms the summary already has: 1 would rule out any overlap. */
const REPETITION_PENALTY = 0.7;

/** Each number or example label past the first ("forty-two", "T1") makes a sentence more of a worked example than a statement of the idea. */
const EXAMPLE_TOKEN_PENALTY = 0.35;
/** "Fourth, ...", "Then ...", "But ...": a step of a list or an argument, which needs the sentences around it. */
const CONTINUES_SOMETHING = /^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|fifth|next|finally|lastly|then|but|and|or|so|also|if|because|that|this|these|those|it|they)\b/iu;
const CONTINUATION_FACTOR = 0.5;

const isExampleToken = (token: TaggedToken) => token.pos === 'NUM' || /\p{N}/u.test(token.text);

/** How well the sentence reads on its own, as a statement of the lecture's ideas. */
function standsAlone(sentence: AnalysedSentence): number {
  if (sentence.text.trimEnd().endsWith('?')) return 0;
  const exampleTokens = sentence.tokens.filter(isExampleToken).length;
  return (CONTINUES_SOMETHING.test(sentence.text) ? CONTINUATION_FACTOR : 1) / (1 + EXAMPLE_TOKEN_PENALTY * Math.max(0, exampleTokens - 1));
}

export interface Summary {
  text: string;
  /** The sentences it quotes. */
  positions: number[];
}

/**
 * The section's most central sentences that read on their own (one, two for
 * a long section), chosen one at a time so each adds terms the others lack,
 * then quoted in spoken order so the summary follows the lecturer's line of
 * thought. A long sentence is quoted to a clause end or not at all; the
 * sentences that give the section's definitions (`defining`) come last.
 */
export function summarise(sentences: readonly AnalysedSentence[], weights: readonly number[], defining: ReadonlySet<number> = new Set()): Summary {
  const wanted = sentences.length >= LONG_SECTION_SENTENCES ? 2 : 1;
  const termsOf = new Map(sentences.map((sentence) => [sentence, new Set(mentionsOf(sentence).map((mention) => mention.key))]));
  const covered = new Set<string>();
  const chosen: AnalysedSentence[] = [];
  const concise = (sentence: AnalysedSentence) => (sentence.wordCount < SUMMARY_WORDS.min ? 0.5 : sentence.wordCount > SUMMARY_WORDS.max ? SUMMARY_WORDS.max / sentence.wordCount : 1);
  const quotable = new Map(sentences.map((sentence) => [sentence, withinWords(sentence.text, MAX_SENTENCE_WORDS)]));
  const fresh = (sentence: AnalysedSentence) => (defining.has(sentence.position) ? DEFINING_FACTOR : 1);
  const worth = new Map(sentences.map((sentence) => [sentence, (weights[sentence.position] ?? 0) * standsAlone(sentence) * concise(sentence) * fresh(sentence)]));
  let remaining = sentences.filter((sentence) => worth.get(sentence)! > 0 && quotable.get(sentence) !== undefined);
  while (chosen.length < wanted && remaining.length > 0) {
    const gain = (sentence: AnalysedSentence) => {
      const terms = [...termsOf.get(sentence)!];
      const repeated = terms.length === 0 ? 0 : terms.filter((term) => covered.has(term)).length / terms.length;
      return worth.get(sentence)! * (1 - REPETITION_PENALTY * repeated);
    };
    const best = remaining.reduce((winner, sentence) => (gain(sentence) > gain(winner) ? sentence : winner));
    chosen.push(best);
    termsOf.get(best)!.forEach((term) => covered.add(term));
    remaining = remaining.filter((sentence) => sentence !== best);
  }
  // A section of nothing but classroom talk has no summary rather than a quote of it.
  const quoted = chosen.length > 0 ? chosen.sort((a, b) => a.position - b.position) : sentences.filter((sentence) => !sentence.isFiller && quotable.get(sentence) !== undefined).slice(0, 1);
  return { text: quoted.map((sentence) => quotable.get(sentence)!).join(' '), positions: quoted.map((sentence) => sentence.position) };
}
