import { describe, expect, it } from 'vitest';
import { segmentIndexAt } from '../../../web/src/notes/transcript-position';

const segments = [
  { start: 2, end: 5 },
  { start: 5, end: 9 },
  // A pause from 9 to 12.
  { start: 12, end: 15 },
  { start: 15, end: 20 },
];

describe('the transcript segment for a moment', () => {
  it.each([
    [0, 0, 'before the first words: the first segment'],
    [2, 0, 'at a start: that segment'],
    [4.99, 0, 'inside a segment: that one'],
    [5, 1, 'at a boundary: the one starting there'],
    [10.5, 1, 'in a pause: the one just said'],
    [17, 3, 'in the last segment'],
    [3600, 3, 'past the end: the last segment'],
  ])('at %s s is %s (%s)', (seconds, index) => {
    expect(segmentIndexAt(segments, seconds)).toBe(index);
  });

  it('is found in a long lecture as in a short one', () => {
    const long = Array.from({ length: 10_001 }, (_, index) => ({ start: index * 3 }));
    expect(segmentIndexAt(long, 15_000.5)).toBe(5000);
    expect(segmentIndexAt(long, 30_000)).toBe(10_000);
  });

  it('is none when the transcript has no segments', () => {
    expect(segmentIndexAt([], 12)).toBeUndefined();
  });
});
