import type { Transcript, TranscriptSegment } from '../contracts/transcript';
import { parseAssemblyAiJson } from './captions/assemblyai-json';
import { parseCueFile, type CueFormat, type RawCue } from './captions/cue-blocks';
import { voiceRuns } from './captions/cue-text';
import { timePlainText } from './captions/plain-text';
import { dropRepeatedText } from './captions/rolling-captions';
import { JobError } from './job-error';
import { timeAtShare } from './sentences';
import { extensionOf } from './upload-types';

type CaptionFormat = CueFormat | 'assemblyai-json' | 'plain-text';

/** The first timing line tells WebVTT ('.' before milliseconds) from SubRip (','). */
const FIRST_TIMING_SEPARATOR = /^\s*(?:\d+:)?\d{1,2}:\d{2}([.,])\d+\s*-->/m;

/**
 * Turns a caption file (WebVTT, SubRip, AssemblyAI transcript JSON or plain text) into a
 * transcript. The content decides the format; the file name is only a hint and names the file in
 * error messages.
 */
export function parseCaptions(text: string, fileName: string): Transcript {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const transcript = normalized.trim() ? parseFormat(normalized, detectFormat(normalized, fileName), fileName) : undefined;
  if (!transcript || transcript.segments.length === 0) {
    throw new JobError(
      'InvalidCaptions',
      `${fileName} has no caption text: it is empty or holds only timings and markup. Upload a caption file with the lecture's words in it.`,
    );
  }
  return transcript;
}

function detectFormat(text: string, fileName: string): CaptionFormat {
  const content = text.trimStart();
  const extension = extensionOf(fileName);
  if (/^WEBVTT(?:\s|$)/.test(content)) return 'vtt';
  // A plain transcript may open with "[Music]", so '[' means JSON only when the name says so.
  if (content.startsWith('{') || (content.startsWith('[') && extension === '.json')) return 'assemblyai-json';
  const separator = FIRST_TIMING_SEPARATOR.exec(text)?.[1];
  if (separator) return separator === ',' ? 'srt' : 'vtt';
  if (extension === '.srt') return 'srt';
  if (extension === '.vtt') return 'vtt';
  if (extension === '.json') return 'assemblyai-json';
  // Arrows with unreadable times: parse as cues so the error points at the broken line.
  return /-->/.test(text) ? 'vtt' : 'plain-text';
}

function parseFormat(text: string, format: CaptionFormat, fileName: string): Transcript {
  switch (format) {
    case 'vtt':
    case 'srt':
      return parseTimedCaptions(text, format, fileName);
    case 'assemblyai-json':
      return parseAssemblyAiJson(text, fileName);
    case 'plain-text':
      return { source: 'captions', ...timePlainText(text) };
  }
}

function parseTimedCaptions(text: string, format: CueFormat, fileName: string): Transcript {
  const { cues, language } = parseCueFile(text, format, fileName);
  const inTimeOrder = [...cues].sort((a, b) => a.start - b.start);
  return {
    source: 'captions',
    durationSeconds: cues.reduce((latest, cue) => Math.max(latest, cue.end), 0),
    segments: dropRepeatedText(inTimeOrder.flatMap(segmentsOfCue)),
    ...(language ? { language } : {}),
  };
}

/** One segment per voice in the cue, sharing the cue's time by length of text. */
function segmentsOfCue(cue: RawCue): TranscriptSegment[] {
  const runs = voiceRuns(cue.text);
  const totalLength = runs.reduce((sum, run) => sum + run.text.length, 0);
  const timeAt = (length: number) => timeAtShare(cue.start, cue.end, length / totalLength);
  let lengthBefore = 0;
  return runs.map((run) => {
    const start = timeAt(lengthBefore);
    lengthBefore += run.text.length;
    return { ...run, start, end: timeAt(lengthBefore) };
  });
}
