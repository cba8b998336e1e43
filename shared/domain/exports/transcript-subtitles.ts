import type { Transcript, TranscriptSegment } from '../../contracts/transcript';
import { oneLine } from '../one-line';
import { formatCueTime } from '../time-formats';

/*
 * Readable cues, as subtitle guidelines commonly set them: at most two lines of 42 characters
 * and 7 seconds on screen. A transcript's segments are often whole sentences or a speaker's
 * turn, far longer, so they are split at word boundaries into cues that share the segment's
 * time in proportion to their text.
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
function splitText(text: string, count: number): string[] {
  const target = text.length / count;
  const pieces: string[] = [];
  let piece = '';
  for (const word of text.split(' ')) {
    const joined = piece ? `${piece} ${word}` : word;
    if (piece && (joined.length > MAX_CUE_CHARS || piece.length >= target)) {
      pieces.push(piece);
      piece = word;
    } else {
      piece = joined;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

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

function cuesOf(segment: TranscriptSegment): Cue[] {
  const text = oneLine(segment.text);
  if (!text) return [];
  const start = segment.start;
  const end = segment.end > start ? segment.end : start + MIN_CUE_SECONDS;
  const count = Math.max(1, Math.ceil(text.length / MAX_CUE_CHARS), Math.ceil((end - start) / MAX_CUE_SECONDS));
  const pieces = splitText(text, count);
  const totalChars = pieces.reduce((sum, piece) => sum + piece.length, 0);
  let at = start;
  return pieces.map((piece, index) => {
    const pieceEnd = index === pieces.length - 1 ? end : at + ((end - start) * piece.length) / totalChars;
    const cue: Cue = { start: at, end: pieceEnd, lines: wrapLines(piece), ...(segment.speaker ? { speaker: segment.speaker } : {}) };
    at = pieceEnd;
    return cue;
  });
}

/** The transcript's cues in time order (a sort that keeps the order of segments starting together). */
const transcriptCues = (transcript: Transcript): Cue[] => [...transcript.segments].sort((a, b) => a.start - b.start).flatMap(cuesOf);

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
