import { describe, expect, it } from 'vitest';
import { formatClock, formatCueTime, formatDuration } from '../../../shared/domain/time-formats';

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [59.9, '0:59'],
    [61, '1:01'],
    [723, '12:03'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [36000, '10:00:00'],
    [-5, '0:00'],
    [Number.NaN, '0:00'],
  ])('%s s is %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it('says a length of time as rounded as a person would', () => {
    expect(formatDuration(0.4)).toBe('under a second');
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
  });
});

describe('formatCueTime', () => {
  it.each([
    [0, '.', '00:00:00.000'],
    [1.5, ',', '00:00:01,500'],
    [61.0004, '.', '00:01:01.000'],
    [3723.9996, ',', '01:02:04,000'],
    [-1, '.', '00:00:00.000'],
    [Number.NaN, ',', '00:00:00,000'],
  ] as const)('%s s is %s-marked %s', (seconds, mark, expected) => {
    expect(formatCueTime(seconds, mark)).toBe(expected);
  });
});
