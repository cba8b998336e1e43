import type { TimedWord, Transcript, TranscriptSegment } from '../../contracts/transcript';
import { oneLine } from '../one-line';
import { formatCueTime } from '../time-formats';

/*
 * Readable cues, as subtitle guidelines commonly set them: at most two lines of 42 characters
 * and 7 seconds on screen. A transcript's segments are often whole sentences or a speaker's
 * turn, far longer, so they are split at word boundaries into cues timed by their words where
 * the transcript has word times, else sharing the segment's time in proportion to their text.
 */
const MAX_LINE_CHARS = 42;
const MAX_CUE_CHARS = 2 * MAX_LINE_CHARS;
const MAX_CUE_SECONDS = 7;
/** A segment whose end is not after its start still gets a moment on screen. */
const MIN_CUE_SECONDS = 1;

interface Cue {
  start: number;
  end: number;
  lines: string[];
  speaker?: string;
}

/** Words packed into pieces of at most MAX_CUE_CHARS (a single longer word stays whole), about `count` of them, of even length. */
function packWords<Word extends { text: string }>(words: readonly Word[], count: number): Word[][] {
  const target = words.reduce((sum, word) => sum + word.text.length + 1, -1) / count;
  const pieces: Word[][] = [];
  let piece: Word[] = [];
  let length = 0;
  for (const word of words) {
    const joined = piece.length ? length + 1 + word.text.length : word.text.length;
    if (piece.length && (joined > MAX_CUE_CHARS || length >= target)) {
      pieces.push(piece);
      piece = [word];
      length = word.text.length;
    } else {
      piece.push(word);
      length = joined;
    }
  }
  if (piece.length) pieces.push(piece);
  return pieces;
}

const textOf = (words: readonly { text: string }[]) => words.map((word) => word.text).join(' ');

/** One line, or two broken at the space nearest the middle. */
function wrapLines(text: string): string[] {
  if (text.length <= MAX_LINE_CHARS) return [text];
  const middle = text.length / 2;
  let best = -1;
  for (let index = text.indexOf(' '); index !== -1; index = text.indexOf(' ', index + 1)) {
    if (best === -1 || Math.abs(index - middle) < Math.abs(best - middle)) best = index;
  }
  return best === -1 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * The segment's own timed words, when the transcript has them (speech recognition does) and they
 * make up its text exactly; undefined otherwise (captions, or words that do not line up).
 */
function wordsOf(segment: TranscriptSegment, text: string, words: readonly TimedWord[]): TimedWord[] | undefined {
  // Words are in time order: the first at or after the segment's start, by halving.
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]!.start < segment.start) low = middle + 1;
    else high = middle;
  }
  const own: TimedWord[] = [];
  for (let index = low; index < words.length && words[index]!.end <= segment.end; index++) own.push({ ...words[index]!, text: oneLine(words[index]!.text) });
  return own.length > 0 && textOf(own) === text ? own : undefined;
}

function cuesOf(segment: TranscriptSegment, words: readonly TimedWord[]): Cue[] {
  const text = oneLine(segment.text);
  if (!text) return [];
  const start = segment.start;
  const end = segment.end > start ? segment.end : start + MIN_CUE_SECONDS;
  const count = Math.max(1, Math.ceil(text.length / MAX_CUE_CHARS), Math.ceil((end - start) / MAX_CUE_SECONDS));
  const speaker = segment.speaker ? { speaker: segment.speaker } : {};
  const timed = wordsOf(segment, text, words);
  if (timed) {
    // Each cue is on screen from its first word to its last, as they were said.
    return packWords(timed, count).map((piece) => {
      const [first, last] = [piece[0]!, piece.at(-1)!];
      return { start: first.start, end: last.end > first.start ? last.end : first.start + MIN_CUE_SECONDS, lines: wrapLines(textOf(piece)), ...speaker };
    });
  }
  // Without word times, the pieces share the segment's time in proportion to their text.
  const pieces = packWords(text.split(' ').map((word) => ({ text: word })), count).map(textOf);
  const totalChars = pieces.reduce((sum, piece) => sum + piece.length, 0);
  let at = start;
  return pieces.map((piece, index) => {
    const pieceEnd = index === pieces.length - 1 ? end : at + ((end - start) * piece.length) / totalChars;
    const cue: Cue = { start: at, end: pieceEnd, lines: wrapLines(piece), ...speaker };
    at = pieceEnd;
    return cue;
  });
}

/** The transcript's cues in time order (a stable sort: segments starting together keep their order). */
function transcriptCues(transcript: Transcript): Cue[] {
  const words = [...(transcript.words ?? [])].sort((a, b) => a.start - b.start);
  return [...transcript.segments].sort((a, b) => a.start - b.start).flatMap((segment) => cuesOf(segment, words));
}

/** Cue text is markup in WebVTT: "&", "<" and ">" are written as references, which also keeps "-->" out of it. */
const escapeVtt = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** The transcript as WebVTT, the captions a browser's <track> plays; a speaker, where known, as a voice span. */
export function renderWebVtt(transcript: Transcript): string {
  const blocks = transcriptCues(transcript).map(({ start, end, lines, speaker }) => {
    const voice = speaker ? `<v ${escapeVtt(oneLine(speaker))}>` : '';
    return `${formatCueTime(start, '.')} --> ${formatCueTime(end, '.')}\n${voice}${lines.map(escapeVtt).join('\n')}`;
  });
  return `WEBVTT\n\n${blocks.map((block) => `${block}\n\n`).join('')}`;
}

/** The transcript as SubRip (.srt): numbered cues; SubRip has no escapes, so only an arrow that would read as a timing line is changed. */
export function renderSrt(transcript: Transcript): string {
  return transcriptCues(transcript)
    .map(({ start, end, lines }, index) => `${index + 1}\n${formatCueTime(start, ',')} --> ${formatCueTime(end, ',')}\n${lines.map((line) => line.replace(/-->/gu, '->')).join('\n')}\n\n`)
    .join('');
}
