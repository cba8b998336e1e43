import type { Transcript } from '../contracts/transcript';
import { JobError } from './job-error';
import { formatClock } from './time-formats';

/**
 * How much one job may produce. A run carries every chunk's key in its state
 * and records every chunk's steps in its history, and Step Functions caps
 * both (256 KB a state, 25,000 events a run): a job over these limits could
 * not finish in AWS, so it is refused at the step that first knows.
 * tests/infra/pipeline-quotas.test.ts works out from the exported ASL that the
 * most chunks allowed fit both quotas, every retry taken, with room to spare.
 */
export interface JobSizeLimits {
  maxLectureSeconds: number;
  maxTranscriptWords: number;
  maxChunks: number;
}

export const DEFAULT_JOB_SIZE_LIMITS: JobSizeLimits = {
  maxLectureSeconds: 4 * 3600,
  /** Four hours of fast speech (250 words a minute); a 3-hour sample lecture has 26,000. */
  maxTranscriptWords: 60_000,
  /**
   * 60,000 words make about 60 chunks at the default chunk size; the rest is
   * room for smaller chunks. With every retry taken everywhere, 250 chunks and
   * the longest transcription wait use 80% of the history quota.
   */
  maxChunks: 250,
};

/** MAX_CHUNKS may not be set above this: the same worst case still fits the history quota. */
export const MAX_CHUNKS_CEILING = 400;

/**
 * No caption format we read spends more than this per word (WebVTT cue
 * timings with settings, AssemblyAI JSON with word timings): a caption file
 * larger than maxTranscriptWords times this holds more words than allowed
 * whatever its format, which POST /jobs can tell from the declared size.
 */
export const CAPTION_BYTES_PER_WORD_CEILING = 256;

export const maxCaptionBytes = (limits: JobSizeLimits) => limits.maxTranscriptWords * CAPTION_BYTES_PER_WORD_CEILING;

export const wordCount = (transcript: Pick<Transcript, 'segments'>) =>
  transcript.segments.reduce((count, segment) => count + (segment.text.match(/\S+/gu)?.length ?? 0), 0);

const count = (value: number) => value.toLocaleString('en-US');

/** Refuses a transcript longer than a job may be, naming the limit and what to do. */
export function checkTranscriptSize(transcript: Pick<Transcript, 'segments' | 'durationSeconds'>, limits: JobSizeLimits, fileName: string): void {
  if (transcript.durationSeconds > limits.maxLectureSeconds) {
    throw new JobError(
      'LectureTooLarge',
      `${fileName} runs ${formatClock(transcript.durationSeconds)}; a lecture may run at most ${formatClock(limits.maxLectureSeconds)} (MAX_LECTURE_SECONDS). Split the recording and upload the parts.`,
    );
  }
  const words = wordCount(transcript);
  if (words > limits.maxTranscriptWords) {
    throw new JobError(
      'LectureTooLarge',
      `${fileName} holds ${count(words)} words; a lecture may hold at most ${count(limits.maxTranscriptWords)} (MAX_TRANSCRIPT_WORDS). Split it and upload the parts.`,
    );
  }
}

/** Refuses more chunks than one run can carry. */
export function checkChunkCount(chunks: number, limits: JobSizeLimits, fileName: string): void {
  if (chunks > limits.maxChunks) {
    throw new JobError(
      'LectureTooLarge',
      `${fileName} makes ${count(chunks)} parts to write notes for; a job may have at most ${count(limits.maxChunks)} (MAX_CHUNKS). Split it and upload the parts, or raise CHUNK_MAX_TOKENS.`,
    );
  }
}
