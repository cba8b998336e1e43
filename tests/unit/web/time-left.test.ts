import { describe, expect, it } from 'vitest';
import type { JobStatusDocument } from '../../../shared/contracts/api';
import { estimateSecondsLeft } from '../../../web/src/jobs/time-left';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

type Progress = Parameters<typeof estimateSecondsLeft>[0];
const job = (overrides: Partial<Progress>): Progress => ({
  status: 'queued',
  progress: 2,
  chunks: { done: 0, total: 0 },
  stageTimes: { queued: at(0) },
  createdAt: at(-5),
  ...overrides,
});

describe('the time left', () => {
  it('is unknown until the job has made progress since it was queued', () => {
    expect(estimateSecondsLeft(job({}), T0 + 10_000)).toBeUndefined();
    expect(estimateSecondsLeft(job({ status: 'awaiting_upload', progress: 0 }), T0 + 10_000)).toBeUndefined();
  });

  it('extrapolates the progress made since the job was queued', () => {
    // 2 % → 32 % in 30 s is 1 % a second: 68 % to go.
    const chunking = job({ status: 'chunking', progress: 32, stageTimes: { queued: at(0), transcribing: at(1), chunking: at(30) } });
    expect(estimateSecondsLeft(chunking, T0 + 30_000)).toBeCloseTo(68);
  });

  it('counts from the time per chunk while notes are written, plus about one chunk for the merge', () => {
    const writing = job({ status: 'generating_notes', progress: 57, chunks: { done: 4, total: 10 }, stageTimes: { queued: at(0), generating_notes: at(20) } });
    // 4 chunks in 40 s: 6 to go and the merge, 10 s each.
    expect(estimateSecondsLeft(writing, T0 + 60_000)).toBeCloseTo(70);
  });

  it('falls back to the overall rate before the first chunk is done', () => {
    const starting = job({ status: 'generating_notes', progress: 35, chunks: { done: 0, total: 10 }, stageTimes: { queued: at(0), generating_notes: at(33) } });
    expect(estimateSecondsLeft(starting, T0 + 33_000)).toBeCloseTo(65);
  });

  it('is nothing for a job that has ended', () => {
    const ended: Partial<JobStatusDocument>[] = [{ status: 'completed', progress: 100 }, { status: 'failed', progress: 40 }];
    for (const state of ended) expect(estimateSecondsLeft(job(state), T0 + 60_000)).toBeUndefined();
  });
});
