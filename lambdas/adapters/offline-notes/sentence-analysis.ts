import type { ItemToken, ItsFunction, PartOfSpeech, WinkMethods } from 'wink-nlp';
import type { Chunk } from '../../../shared/contracts/transcript';
import { cleanSpokenText, isFillerSentence } from './fillers';
import { nounPhrases, type NounPhrase, type TaggedToken } from './noun-phrases';

type TimedSentence = Chunk['sentences'][number];

export interface AnalysedSentence {
  /** Position among the analysed sentences, which is their spoken order. */
  position: number;
  start: number;
  end: number;
  /** The sentence without fillers: what points and summaries quote. */
  text: string;
  wordCount: number;
  /** Tagged words of `text`, with their offsets in it. */
  tokens: TaggedToken[];
  phrases: NounPhrase[];
  isFiller: boolean;
}

const CONTENT_POS: ReadonlySet<PartOfSpeech> = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);

function tag(nlp: WinkMethods, text: string): TaggedToken[] {
  const { its } = nlp;
  // wink-nlp's typings give `its.lemma` a parameter list that does not fit `out()`; at run time it is a token helper like the others.
  const lemmaOf = its.lemma as unknown as ItsFunction<string>;
  const tokens: TaggedToken[] = [];
  let scanned = 0;
  nlp.readDoc(text).tokens().each((token: ItemToken) => {
    const tokenText = token.out();
    const found = text.indexOf(tokenText, scanned);
    const offset = found >= 0 ? found : scanned;
    scanned = offset + tokenText.length;
    tokens.push({
      text: tokenText,
      offset,
      lemma: String(token.out(lemmaOf)),
      pos: token.out(its.pos) as PartOfSpeech,
      isStopWord: token.out(its.stopWordFlag) === true,
      attached: tokens.length > 0 && token.out(its.precedingSpaces) === '',
    });
  });
  return tokens;
}

/** Every phrase with the shorter phrases inside it: "database transactions" is also about "transaction". */
export function mentionsOf(sentence: AnalysedSentence): NounPhrase[] {
  const withShorter = (phrase: NounPhrase): NounPhrase[] => [phrase, ...(phrase.shorter ? withShorter(phrase.shorter) : [])];
  return sentence.phrases.flatMap(withShorter);
}

/** Cleans and tags each sentence; sentences that are nothing but fillers are left out. */
export function analyseSentences(nlp: WinkMethods, sentences: readonly TimedSentence[]): AnalysedSentence[] {
  const analysed: AnalysedSentence[] = [];
  for (const sentence of sentences) {
    const text = cleanSpokenText(sentence.text);
    if (!text) continue;
    const tokens = tag(nlp, text);
    const contentWords = tokens.filter((token) => CONTENT_POS.has(token.pos) && !token.isStopWord && /\p{L}/u.test(token.text)).length;
    analysed.push({
      position: analysed.length,
      start: sentence.start,
      end: sentence.end,
      text,
      wordCount: tokens.filter((token) => /[\p{L}\p{N}]/u.test(token.text)).length,
      tokens,
      phrases: nounPhrases(tokens),
      isFiller: isFillerSentence(text, contentWords),
    });
  }
  return analysed;
}
