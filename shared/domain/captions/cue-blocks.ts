import { JobError } from '../job-error';

/* WebVTT and SubRip share one layout: blocks separated by blank lines, each an optional
   identifier, a "start --> end" timing line and the cue text. WebVTT adds a header and
   NOTE/STYLE/REGION blocks and writes milliseconds after '.', SubRip after ','. */

export type CueFormat = 'vtt' | 'srt';

/** A cue as written: times in seconds, text still holding its markup. */
export type RawCue = { start: number; end: number; text: string };

export type CueFile = { cues: RawCue[]; language?: string };

type Block = { firstLineNumber: number; lines: string[] };

/** Hours are optional; either separator is accepted before the milliseconds. */
const TIMESTAMP = String.raw`(?:\d+:)?\d{1,2}:[0-5]\d[.,]\d{1,3}`;
/** Anything after the end time is WebVTT cue settings (`align:start position:10%`) or SubRip coordinates. */
const TIMING_LINE = new RegExp(String.raw`^\s*(${TIMESTAMP})\s*-->\s*(${TIMESTAMP})(?:\s.*)?$`);
/** A line that was meant as a timing line but lacks the arrow. */
const TIMING_WITHOUT_ARROW = /^\s*\d+:\d{2}/;
const METADATA_BLOCK = /^(?:NOTE|STYLE|REGION)(?:\s|$)/;
const WEBVTT_HEADER = /^WEBVTT(?:\s|$)/;

const TIMING_EXAMPLE: Record<CueFormat, string> = {
  vtt: '00:01:02.500 --> 00:01:04.000',
  srt: '00:01:02,500 --> 00:01:04,000',
};

/** Reads the cues of a WebVTT or SubRip file whose line endings are already `\n`. */
export function parseCueFile(text: string, format: CueFormat, fileName: string): CueFile {
  const blocks = blocksOf(text.split('\n'));
  const header = format === 'vtt' && WEBVTT_HEADER.test(blocks[0]?.lines[0] ?? '') ? blocks.shift() : undefined;
  const cues: RawCue[] = [];
  let hasTextOutsideCues = false;
  for (const block of blocks) {
    if (format === 'vtt' && METADATA_BLOCK.test(block.lines[0]!)) continue;
    const timingIndex = block.lines.findIndex((line, index) => index < 2 && line.includes('-->'));
    if (timingIndex >= 0) {
      cues.push(cueOf(block, timingIndex, format, fileName));
      continue;
    }
    rejectTimingWithoutArrow(block, format, fileName);
    // SubRip files sometimes hold a blank line inside a cue's text: the rest still belongs to it.
    const previous = cues.at(-1);
    if (previous) previous.text += `\n${block.lines.join('\n')}`;
    else hasTextOutsideCues = true;
  }
  if (cues.length === 0 && hasTextOutsideCues) {
    throw new JobError(
      'InvalidCaptions',
      `${fileName} has text but no cue timing lines like "${TIMING_EXAMPLE[format]}". If it is a transcript without times, upload it as a .txt file.`,
    );
  }
  const language = header && languageOf(header);
  return language ? { cues, language } : { cues };
}

function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  lines.forEach((line, index) => {
    if (!line.trim()) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { firstLineNumber: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

function cueOf(block: Block, timingIndex: number, format: CueFormat, fileName: string): RawCue {
  const lineNumber = block.firstLineNumber + timingIndex;
  const timingLine = block.lines[timingIndex]!;
  const [, startText, endText] = TIMING_LINE.exec(timingLine) ?? [];
  if (!startText || !endText) throw brokenTimingLine(lineNumber, timingLine, format, fileName);
  const start = secondsOf(startText);
  const end = secondsOf(endText);
  if (end < start) {
    throw new JobError(
      'InvalidCaptions',
      `Line ${lineNumber} of ${fileName}: the cue ends (${endText}) before it starts (${startText}). A timing line is "start --> end".`,
    );
  }
  const textLines = block.lines.slice(timingIndex + 1);
  const strayTimingIndex = textLines.findIndex((line) => line.includes('-->'));
  if (strayTimingIndex >= 0) {
    throw new JobError(
      'InvalidCaptions',
      `Line ${lineNumber + 1 + strayTimingIndex} of ${fileName} is a cue timing inside the text of the cue above it: put a blank line before each cue.`,
    );
  }
  return { start, end, text: textLines.join('\n') };
}

function rejectTimingWithoutArrow(block: Block, format: CueFormat, fileName: string) {
  const brokenIndex = block.lines.findIndex((line, index) => index < 2 && TIMING_WITHOUT_ARROW.test(line));
  if (brokenIndex >= 0) throw brokenTimingLine(block.firstLineNumber + brokenIndex, block.lines[brokenIndex]!, format, fileName);
}

function brokenTimingLine(lineNumber: number, line: string, format: CueFormat, fileName: string): JobError {
  const found = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return new JobError(
    'InvalidCaptions',
    `Line ${lineNumber} of ${fileName} is not a valid cue timing: found "${found.trim()}", expected "start --> end" like "${TIMING_EXAMPLE[format]}" (hours optional).`,
  );
}

function secondsOf(timestamp: string): number {
  const parts = timestamp.split(/[:.,]/);
  const fraction = parts.pop();
  const [seconds, minutes = '0', hours = '0'] = parts.reverse();
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(`${seconds}.${fraction}`);
}

function languageOf(header: Block): string | undefined {
  for (const line of header.lines) {
    const language = /^Language:\s*(\S+)/i.exec(line)?.[1];
    if (language) return language;
  }
  return undefined;
}
