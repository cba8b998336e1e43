import type { Transcript } from '../contracts/transcript';
import { balancedGroups } from './balanced-groups';

export type TimedSentence = { start: number; end: number; text: string };

/** Offsets into a text; `end` is exclusive. */
export type TextSpan = { start: number; end: number };

/** A silence this long between words or caption segments ends an unpunctuated stretch of speech. */
export const PAUSE_BREAK_SECONDS = 1.5;

/** Speech with no terminal punctuation is cut into sentences of at most this many words. */
const MAX_SENTENCE_WORDS = 60;

/** Abbreviations whose period never ends a sentence. */
const ABBREVIATIONS = new Set(['dr.', 'mr.', 'mrs.', 'ms.', 'prof.', 'etc.', 'vs.', 'approx.', 'cf.', 'st.', 'jr.', 'sr.']);

/** Abbreviations that introduce a number ("Fig. 3", "No. 5"); before anything else ("yes or no.") the period ends the sentence. */
const NUMBER_ABBREVIATIONS = new Set(['fig.', 'figs.', 'no.', 'nos.', 'eq.', 'vol.', 'ch.', 'sec.', 'pp.']);

/** Initials and dotted abbreviations: "J. R. R. Tolkien", "U.S.", "e.g.", "i.e.". */
const INITIALS = /^(?:\p{L}\.)+$/u;

/** Terminal punctuation with any closing quotes or brackets; ASCII marks need a space (or the end) after them, so "3.14" is not a candidate. */
const SENTENCE_END_CANDIDATE = /[.?!]+["'”’)\]}»]*(?=\s|$)|[。！？]+[」』”’）)]*/gu;

/** Scripts written without spaces between words: each character counts as a word. */
const UNSPACED_SCRIPT_CHARACTER = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const WORD = new RegExp(`[${UNSPACED_SCRIPT_CHARACTER}]\\p{P}*|[^\\s${UNSPACED_SCRIPT_CHARACTER}]+`, 'gu');

/** The time `share` (0 to 1) of the way through a timed stretch; exactly its end at 1, free of rounding drift. */
export const timeAtShare = (start: number, end: number, share: number) => (share >= 1 ? end : start + share * (end - start));

export const normalizeWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

export const wordSpans = (text: string): TextSpan[] =>
  Array.from(text.matchAll(WORD), (match) => ({ start: match.index, end: match.index + match[0].length }));

export const countSpokenWords = (text: string) => wordSpans(text).length;

/** Where the sentences of `text` are, by punctuation alone. */
export function sentenceSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END_CANDIDATE)) {
    if (!endsSentence(text, match.index, match[0])) continue;
    const end = match.index + match[0].length;
    pushTrimmed(spans, text, { start, end });
    start = end;
  }
  pushTrimmed(spans, text, { start, end: text.length });
  return spans;
}

function endsSentence(text: string, markIndex: number, mark: string): boolean {
  const marks = mark.replace(/[^.?!。！？]/gu, '');
  if (/^\.{2,}$/.test(marks)) return false; // an ellipsis trails off inside the sentence
  if (marks !== '.') return true;
  let wordStart = markIndex;
  while (wordStart > 0 && !/\s/.test(text[wordStart - 1]!)) wordStart--;
  const word = text
    .slice(wordStart, markIndex + 1)
    .replace(/^[\p{Ps}\p{Pi}"']+/u, '')
    .toLowerCase();
  if (INITIALS.test(word) || ABBREVIATIONS.has(word)) return false;
  return !(NUMBER_ABBREVIATIONS.has(word) && numberFollows(text, markIndex + mark.length));
}

function numberFollows(text: string, offset: number): boolean {
  const spaceThenNumber = /\s+\p{N}/uy;
  spaceThenNumber.lastIndex = offset;
  return spaceThenNumber.test(text);
}

function pushTrimmed(spans: TextSpan[], text: string, span: TextSpan) {
  const slice = text.slice(span.start, span.end);
  const leading = slice.length - slice.trimStart().length;
  const trailing = slice.length - slice.trimEnd().length;
  if (leading === slice.length) return;
  spans.push({ start: span.start + leading, end: span.end - trailing });
}

/** A word or caption segment, placed at `offset` in the joined transcript text. */
type PlacedPiece = { offset: number; text: string; start: number; end: number };

/** The transcript's text joined into one string, with where each timed piece sits in it. */
type TimedText = { text: string; pieces: PlacedPiece[] };

/**
 * The transcript as sentences with times. Caption cues often end mid-sentence, so sentences are
 * found in the joined text of all cues. Word timings are exact at word edges; segment timings are
 * shared out within a segment by character position.
 */
export function timedSentences(transcript: Transcript): TimedSentence[] {
  const timedText = joinTimedPieces(transcript.words?.length ? transcript.words : transcript.segments);
  return sentenceSpans(timedText.text)
    .flatMap((span) => splitLongSentence(timedText, span))
    .map((span) => toTimedSentence(timedText, span));
}

function joinTimedPieces(sources: ReadonlyArray<{ text: string; start: number; end: number }>): TimedText {
  const pieces: PlacedPiece[] = [];
  let offset = 0;
  for (const source of sources) {
    const text = normalizeWhitespace(source.text);
    if (!text) continue;
    pieces.push({ offset, text, start: source.start, end: source.end });
    offset += text.length + 1;
  }
  return { text: pieces.map((piece) => piece.text).join(' '), pieces };
}

/** Unpunctuated speech gives one huge "sentence": cut it at pauses, then into even runs of words. */
function splitLongSentence(timedText: TimedText, span: TextSpan): TextSpan[] {
  if (countSpokenWords(timedText.text.slice(span.start, span.end)) <= MAX_SENTENCE_WORDS) return [span];
  return splitAtPauses(timedText.pieces, span).flatMap((part) => splitIntoWordRuns(timedText.text, part));
}

function splitAtPauses(pieces: PlacedPiece[], span: TextSpan): TextSpan[] {
  const parts: TextSpan[] = [];
  let partStart = span.start;
  for (let index = 1; index < pieces.length; index++) {
    const before = pieces[index - 1]!;
    const after = pieces[index]!;
    const insideSpan = after.offset > partStart && after.offset < span.end;
    if (insideSpan && after.start - before.end >= PAUSE_BREAK_SECONDS) {
      parts.push({ start: partStart, end: before.offset + before.text.length });
      partStart = after.offset;
    }
  }
  parts.push({ start: partStart, end: span.end });
  return parts;
}

function splitIntoWordRuns(text: string, span: TextSpan): TextSpan[] {
  const words = wordSpans(text.slice(span.start, span.end));
  return balancedGroups(words, () => 1, MAX_SENTENCE_WORDS).map((group) => ({
    start: span.start + group[0]!.start,
    end: span.start + group.at(-1)!.end,
  }));
}

function toTimedSentence(timedText: TimedText, span: TextSpan): TimedSentence {
  const start = timeAtOffset(timedText.pieces, span.start, 'start');
  const end = timeAtOffset(timedText.pieces, span.end, 'end');
  // Overlapping caption cues can put a later character at an earlier time.
  return { start, end: Math.max(start, end), text: timedText.text.slice(span.start, span.end) };
}

/** The time of a sentence's first character (`start`) or of just after its last one (`end`). */
function timeAtOffset(pieces: PlacedPiece[], offset: number, edge: 'start' | 'end'): number {
  const piece = pieceHolding(pieces, edge === 'start' ? offset : offset - 1);
  return timeAtShare(piece.start, piece.end, (offset - piece.offset) / piece.text.length);
}

/** The last piece starting at or before `offset` (pieces are in offset order). */
function pieceHolding(pieces: PlacedPiece[], offset: number): PlacedPiece {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (pieces[middle]!.offset <= offset) low = middle;
    else high = middle - 1;
  }
  return pieces[low]!;
}
