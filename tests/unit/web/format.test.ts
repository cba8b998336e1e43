import { describe, expect, it } from 'vitest';
import { describeTimeLeft, describeWhen } from '../../../web/src/ui/format';

describe('formatting for people', () => {
  it('says time left as rounded as an estimate deserves', () => {
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
