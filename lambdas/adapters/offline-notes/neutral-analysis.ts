import type { Chunk } from '../../../shared/contracts/transcript';
import type { NounPhrase, TaggedToken } from './noun-phrases';
import type { AnalysedSentence } from './sentence-analysis';

type TimedSentence = Chunk['sentences'][number];

/** Shorter words are mostly function words in the languages written with spaces. */
const MIN_TERM_LETTERS = 4;
/** A word in this share of the sentences is grammar ("that", "weil", "porque"), not topic. */
const FUNCTION_WORD_SHARE = 0.25;
const MIN_CONTENT_WORDS = 3;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * Sentences of a lecture in a language the tagger does not know: words are
 * split on Unicode letters, and the words too frequent to name a topic are
 * left out, so cohesion and centrality still work on what remains. Nothing
 * here reads English grammar.
 */
export function analyseNeutralSentences(sentences: readonly TimedSentence[]): AnalysedSentence[] {
  const spoken = sentences.map((sentence) => ({ sentence, text: sentence.text.replace(/\s+/gu, ' ').trim() })).filter(({ text }) => /[\p{L}\p{N}]/u.test(text));
  const wordsOf = spoken.map(({ text }) => [...text.matchAll(WORD)].map((match) => ({ text: match[0], offset: match.index })));
  const sentencesWith = new Map<string, number>();
  for (const words of wordsOf) for (const key of new Set(words.map((word) => word.text.toLowerCase()))) sentencesWith.set(key, (sentencesWith.get(key) ?? 0) + 1);
  const isFunctionWord = (key: string) => spoken.length >= 8 && sentencesWith.get(key)! / spoken.length > FUNCTION_WORD_SHARE;

  return spoken.map(({ sentence, text }, position) => {
    const words = wordsOf[position]!;
    const tokens: TaggedToken[] = words.map((word) => ({ text: word.text, lemma: word.text.toLowerCase(), pos: 'X', isStopWord: false, offset: word.offset, attached: false }));
    const phrases: NounPhrase[] = words
      .filter((word) => [...word.text].length >= MIN_TERM_LETTERS && !/^\p{N}+$/u.test(word.text) && !isFunctionWord(word.text.toLowerCase()))
      .map((word) => ({ key: word.text.toLowerCase(), display: word.text, surface: word.text, spoken: word.text.toLowerCase(), shorter: undefined, looksLikeName: undefined }));
    return { position, start: sentence.start, end: sentence.end, text, wordCount: words.length, tokens, phrases, isFiller: phrases.length < MIN_CONTENT_WORDS && words.length < 6 };
  });
}
