import { describe, expect, it } from 'vitest';
import { estimateUpload, RATE_WINDOW_MS, withSample, type ProgressSample } from '../../../web/src/upload/upload-progress';

const MB = 1024 * 1024;

describe('upload progress', () => {
  it('is 0 % with no estimate before any byte is reported', () => {
    expect(estimateUpload([], 10 * MB)).toEqual({ percent: 0, bytesPerSecond: undefined, secondsLeft: undefined });
  });

  it('measures speed over the samples kept and estimates the time left from it', () => {
    let samples: ProgressSample[] = [];
    for (const [atMs, sentBytes] of [
      [0, 0],
      [1000, 1 * MB],
      [2000, 2 * MB],
    ] as const) {
      samples = withSample(samples, { atMs, sentBytes });
    }
    const estimate = estimateUpload(samples, 10 * MB);
    expect(estimate.percent).toBe(20);
    expect(estimate.bytesPerSecond).toBe(1 * MB);
    expect(estimate.secondsLeft).toBe(8);
  });

  it('forgets samples older than the window, so a slowdown shows in the estimate', () => {
    let samples: ProgressSample[] = [];
    samples = withSample(samples, { atMs: 0, sentBytes: 0 });
    samples = withSample(samples, { atMs: 1000, sentBytes: 5 * MB });
    samples = withSample(samples, { atMs: 1000 + RATE_WINDOW_MS, sentBytes: 6 * MB });
    samples = withSample(samples, { atMs: 2000 + RATE_WINDOW_MS, sentBytes: 6.2 * MB });
    expect(samples.map((sample) => sample.atMs)).toEqual([1000 + RATE_WINDOW_MS, 2000 + RATE_WINDOW_MS]);
    const estimate = estimateUpload(samples, 10 * MB);
    expect(estimate.bytesPerSecond).toBeCloseTo(0.2 * MB);
    expect(estimate.secondsLeft).toBeCloseTo(19);
  });

  it('keeps the newest two samples however far apart they are, to have a speed at all', () => {
    const samples = withSample([{ atMs: 0, sentBytes: 0 }], { atMs: 60_000, sentBytes: MB });
    expect(samples).toHaveLength(2);
    expect(estimateUpload(samples, 2 * MB).secondsLeft).toBeCloseTo(60);
  });

  it('reaches 100 % only with the last byte, and never goes past it', () => {
    expect(estimateUpload([{ atMs: 0, sentBytes: 10 * MB - 1 }], 10 * MB).percent).toBe(99);
    expect(estimateUpload([{ atMs: 0, sentBytes: 10 * MB }], 10 * MB).percent).toBe(100);
    expect(estimateUpload([{ atMs: 0, sentBytes: 11 * MB }], 10 * MB).percent).toBe(100);
  });
});
