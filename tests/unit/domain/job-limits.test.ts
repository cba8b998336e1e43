import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from '../../../lambdas/runtime/config';
import { checkChunkCount, checkTranscriptSize, DEFAULT_JOB_SIZE_LIMITS, maxCaptionBytes, MAX_CHUNKS_CEILING, wordCount } from '../../../shared/domain/job-limits';
import { JobError } from '../../../shared/domain/job-error';

const transcript = (durationSeconds: number, words: number) => ({
  durationSeconds,
  segments: [{ start: 0, end: durationSeconds, text: Array.from({ length: words }, (_, index) => `word${index}`).join(' ') }],
});
const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(JobError);
    return error as JobError;
  }
  throw new Error('expected a refusal');
};

describe('job size limits', () => {
  it('count words across segments, whatever the spacing', () => {
    expect(wordCount({ segments: [{ start: 0, end: 1, text: '  Two  words ' }, { start: 1, end: 2, text: 'three\nmore words' }, { start: 2, end: 3, text: '' }] })).toBe(5);
  });

  it('take a lecture of exactly four hours and refuse a second more, naming MAX_LECTURE_SECONDS', () => {
    expect(() => checkTranscriptSize(transcript(4 * 3600, 10), DEFAULT_JOB_SIZE_LIMITS, 'week-9.vtt')).not.toThrow();
    const error = refusal(() => checkTranscriptSize(transcript(4 * 3600 + 61, 10), DEFAULT_JOB_SIZE_LIMITS, 'week-9.vtt'));
    expect(error.name).toBe('LectureTooLarge');
    expect(error.message).toBe('week-9.vtt runs 4:01:01; a lecture may run at most 4:00:00 (MAX_LECTURE_SECONDS). Split the recording and upload the parts.');
  });

  it('refuse more words than MAX_TRANSCRIPT_WORDS', () => {
    const limits = { ...DEFAULT_JOB_SIZE_LIMITS, maxTranscriptWords: 100 };
    expect(() => checkTranscriptSize(transcript(60, 100), limits, 'a.vtt')).not.toThrow();
    expect(refusal(() => checkTranscriptSize(transcript(60, 101), limits, 'a.vtt')).message).toMatch(/holds 101 words.*at most 100 \(MAX_TRANSCRIPT_WORDS\)/);
  });

  it('refuse more chunks than MAX_CHUNKS', () => {
    expect(() => checkChunkCount(DEFAULT_JOB_SIZE_LIMITS.maxChunks, DEFAULT_JOB_SIZE_LIMITS, 'a.vtt')).not.toThrow();
    expect(refusal(() => checkChunkCount(8_843, DEFAULT_JOB_SIZE_LIMITS, 'a.vtt')).message).toMatch(/8,843 parts.*at most 250 \(MAX_CHUNKS\)/);
  });

  it('bound a caption file by the words it may hold: the 50 MB file that made 8,843 chunks is over it', () => {
    expect(maxCaptionBytes(DEFAULT_JOB_SIZE_LIMITS)).toBeLessThan(50 * 1024 ** 2);
    // Ten times the WebVTT of a four-hour lecture (a three-hour one is 232 KB): no lecture within the limits is refused by size.
    expect(maxCaptionBytes(DEFAULT_JOB_SIZE_LIMITS)).toBeGreaterThan(10 * (232_000 * 4) / 3);
  });

  it('are read from the environment, with MAX_CHUNKS held under what the history quota allows', () => {
    const base = { BUCKET_NAME: 'b', JOBS_TABLE: 't' };
    expect(configFromEnvironment(base).limits).toMatchObject(DEFAULT_JOB_SIZE_LIMITS);
    expect(configFromEnvironment({ ...base, MAX_LECTURE_SECONDS: '3600', MAX_TRANSCRIPT_WORDS: '9000', MAX_CHUNKS: '40' }).limits).toMatchObject({
      maxLectureSeconds: 3600,
      maxTranscriptWords: 9000,
      maxChunks: 40,
    });
    expect(() => configFromEnvironment({ ...base, MAX_CHUNKS: String(MAX_CHUNKS_CEILING + 1) })).toThrow(/MAX_CHUNKS is at most 400/);
  });
});
