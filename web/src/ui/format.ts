/** A running clock: m:ss, or h:mm:ss from an hour on. */
export function formatClock(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** A length of time in words: "under a second", "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) {
    const rest = whole % 60;
    return rest > 0 ? `${Math.floor(whole / 60)} min ${rest} s` : `${whole / 60} min`;
  }
  const minutes = Math.round((whole % 3600) / 60);
  return minutes > 0 ? `${Math.floor(whole / 3600)} h ${minutes} min` : `${Math.floor(whole / 3600)} h`;
}

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
