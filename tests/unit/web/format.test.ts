import { describe, expect, it } from 'vitest';
import { describeTimeLeft, describeWhen, formatClock, formatDuration } from '../../../web/src/ui/format';

describe('formatting for people', () => {
  it('runs a clock in m:ss, with hours when there are any', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_999)).toBe('1:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('says durations and time left as rounded as an estimate deserves', () => {
    expect(formatDuration(0.4)).toBe('under a second');
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(describeTimeLeft(undefined)).toBe('Estimating time left…');
    expect(describeTimeLeft(7)).toBe('A few seconds left');
    expect(describeTimeLeft(41)).toBe('About 50 s left');
    expect(describeTimeLeft(150)).toBe('About 3 min left');
    expect(describeTimeLeft(3 * 3600 + 20 * 60)).toBe('About 3 h 20 min left');
  });

  it('says when a job was made, relatively while it is recent', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(describeWhen('2026-03-10T11:59:50Z', now, 'en')).toBe('just now');
    expect(describeWhen('2026-03-10T11:57:00Z', now, 'en')).toBe('3 minutes ago');
    expect(describeWhen('2026-03-09T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(describeWhen('2026-01-02T12:00:00Z', now, 'en')).toBe('Jan 2, 2026');
    expect(describeWhen('not a date', now, 'en')).toBe('');
  });
});
