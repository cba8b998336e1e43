import { describe, expect, it } from 'vitest';
import { stageDurations } from '../../../shared/domain/stage-durations';

describe('stageDurations', () => {
  it('measures each pipeline stage from its start to the next stage\'s, the last one to the end', () => {
    const durations = stageDurations(
      {
        awaiting_upload: '2030-01-01T09:00:00.000Z',
        queued: '2030-01-01T09:05:00.000Z',
        transcribing: '2030-01-01T09:05:02.000Z',
        chunking: '2030-01-01T09:05:40.000Z',
        generating_notes: '2030-01-01T09:05:41.500Z',
        merging: '2030-01-01T09:06:01.500Z',
        completed: '2030-01-01T09:06:03.000Z',
      },
      new Date('2030-01-01T09:06:03.000Z'),
    );
    expect(durations).toEqual({ queued: 2, transcribing: 38, chunking: 1.5, generating_notes: 20, merging: 1.5 });
  });

  it('leaves out stages the job skipped, and never reports a negative time', () => {
    const durations = stageDurations({ queued: '2030-01-01T09:00:10.000Z', chunking: '2030-01-01T09:00:11.000Z' }, new Date('2030-01-01T09:00:00.000Z'));
    expect(durations).toEqual({ queued: 1, chunking: 0 });
  });
});
