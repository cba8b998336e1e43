import type { Chunk, Transcript } from '../contracts/transcript';
import { balancedGroups } from './balanced-groups';
import { JobError } from './job-error';
import { detectLanguage, primaryLanguage } from './language';
import { timeAtShare, timedSentences, wordSpans, type TextSpan, type TimedSentence } from './sentences';

export type ChunkingOptions = {
  /** Budget for the sentences a chunk adds; the overlap repeated from the previous chunk comes on top. */
  maxTokens: number;
  /** How many sentences at the end of one chunk open the next, for context. */
  overlapSentences: number;
};

export const DEFAULT_CHUNKING: ChunkingOptions = { maxTokens: 1500, overlapSentences: 2 };

const MIN_MAX_TOKENS = 50;

/** Characters a model tokenizer spends about one token each on. */
const ONE_TOKEN_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * A tokenizer-free estimate, good enough for budgets: English text averages about four characters
 * per token (spaces and punctuation included), while Chinese, Japanese and Korean characters are
 * about one token each. Other scripts are counted like English, which errs low for them.
 */
export function estimateTokens(text: string): number {
  const oneTokenCharacters = countOneTokenCharacters(text);
  return oneTokenCharacters + Math.ceil((text.length - oneTokenCharacters) / 4);
}

const countOneTokenCharacters = (text: string) => text.match(ONE_TOKEN_CHARACTER)?.length ?? 0;

/**
 * What a text adds to the estimate of texts joined by single spaces: its one-token characters plus
 * a quarter token for each other character and for the joining space. The estimate of the joined
 * texts is exactly ceil(sum of shares − ¼), so groups are weighed by adding shares (no re-measuring
 * as they grow), and a group fits a budget when its shares add up to at most the budget + ¼.
 */
function tokenShare(text: string): number {
  const oneTokenCharacters = countOneTokenCharacters(text);
  return oneTokenCharacters + (text.length - oneTokenCharacters + 1) / 4;
}

const budgetInShares = (maxTokens: number) => maxTokens + 1 / 4;

/**
 * Cuts the transcript into chunks of whole sentences whose new sentences fit `maxTokens`, evenly
 * sized, each opening with the last `overlapSentences` sentences before it.
 */
export function chunkTranscript(transcript: Transcript, options: Partial<ChunkingOptions> = {}): Chunk[] {
  const { maxTokens, overlapSentences } = validChunkingOptions(options);
  const sentences = timedSentences(transcript).flatMap((sentence) => splitToFit(sentence, maxTokens));
  if (sentences.length === 0) {
    throw new JobError('InvalidCaptions', 'The transcript has no speech or text to take notes from. Check that the recording or caption file contains the lecture.');
  }
  const groups = balancedGroups(sentences, (sentence) => tokenShare(sentence.text), budgetInShares(maxTokens));
  const language = primaryLanguage(transcript.language) ?? detectLanguage(joinedText(sentences));
  let sentencesBefore = 0;
  return groups.map((group, index) => {
    const overlap = sentences.slice(Math.max(0, sentencesBefore - overlapSentences), sentencesBefore);
    sentencesBefore += group.length;
    return toChunk(group, overlap, { index, count: groups.length, language });
  });
}

function validChunkingOptions(options: Partial<ChunkingOptions>): ChunkingOptions {
  const maxTokens = options.maxTokens ?? DEFAULT_CHUNKING.maxTokens;
  const overlapSentences = options.overlapSentences ?? DEFAULT_CHUNKING.overlapSentences;
  if (!Number.isInteger(maxTokens) || maxTokens < MIN_MAX_TOKENS) {
    throw new RangeError(`Chunking needs maxTokens to be a whole number of at least ${MIN_MAX_TOKENS}; got ${maxTokens}.`);
  }
  if (!Number.isInteger(overlapSentences) || overlapSentences < 0) {
    throw new RangeError(`Chunking needs overlapSentences to be a whole number, 0 or more; got ${overlapSentences}.`);
  }
  return { maxTokens, overlapSentences };
}

const joinedText = (sentences: readonly TimedSentence[]) => sentences.map((sentence) => sentence.text).join(' ');

function toChunk(sentences: TimedSentence[], overlap: TimedSentence[], place: Pick<Chunk, 'index' | 'count' | 'language'>): Chunk {
  const all = [...overlap, ...sentences];
  return {
    ...place,
    start: sentences[0]!.start,
    end: sentences.reduce((latest, sentence) => Math.max(latest, sentence.end), 0),
    sentences: all,
    overlapSentences: overlap.length,
    approxTokens: estimateTokens(joinedText(all)),
  };
}

/** A sentence over the budget becomes even runs of its words, with times shared out by position. */
function splitToFit(sentence: TimedSentence, maxTokens: number): TimedSentence[] {
  const { text } = sentence;
  if (estimateTokens(text) <= maxTokens) return [sentence];
  const words = wordSpans(text).flatMap((word) => cutOverlongWord(text, word, maxTokens));
  const spanText = (group: readonly TextSpan[]) => text.slice(group[0]!.start, group.at(-1)!.end);
  // Words of unspaced scripts have no space between them, so adding shares errs high: still fits.
  const wordShare = (word: TextSpan) => tokenShare(text.slice(word.start, word.end));
  return balancedGroups(words, wordShare, budgetInShares(maxTokens)).map((group) => ({
    start: timeAtOffset(sentence, group[0]!.start),
    end: timeAtOffset(sentence, group.at(-1)!.end),
    text: spanText(group),
  }));
}

/** A "word" over the budget (a pasted URL or data blob) is cut every `maxTokens` characters, which always fits. */
function cutOverlongWord(text: string, word: TextSpan, maxTokens: number): TextSpan[] {
  const wordText = text.slice(word.start, word.end);
  if (estimateTokens(wordText) <= maxTokens) return [word];
  const pieces = wordText.matchAll(new RegExp(`[^]{1,${maxTokens}}`, 'gu'));
  return Array.from(pieces, (piece) => ({ start: word.start + piece.index, end: word.start + piece.index + piece[0].length }));
}

const timeAtOffset = (sentence: TimedSentence, offset: number) => timeAtShare(sentence.start, sentence.end, offset / sentence.text.length);
