/** Rounded the way a person would say it: an estimate should not look more precise than it is. */
export function describeTimeLeft(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'Estimating time left…';
  if (seconds < 10) return 'A few seconds left';
  if (seconds < 60) return `About ${Math.ceil(seconds / 10) * 10} s left`;
  if (seconds < 3600) {
    const minutes = Math.round(seconds / 60);
    return `About ${minutes} min left`;
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes > 0 ? `About ${hours} h ${minutes} min left` : `About ${hours} h left`;
}

const RELATIVE_STEPS: readonly [limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, secondsPerUnit: number][] = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [7 * 86_400, 'day', 86_400],
];

/** "3 minutes ago" for recent times, a date for older ones. */
export function describeWhen(isoTime: string, nowMs: number, locale?: string): string {
  const thenMs = Date.parse(isoTime);
  if (Number.isNaN(thenMs)) return '';
  const ageSeconds = Math.max(0, (nowMs - thenMs) / 1000);
  if (ageSeconds < 45) return 'just now';
  const step = RELATIVE_STEPS.find(([limit]) => ageSeconds < limit);
  if (!step) return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(thenMs);
  const [, unit, perUnit] = step;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-Math.round(ageSeconds / perUnit), unit);
}
