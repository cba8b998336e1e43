/** A point or length of time as a clock reads it: m:ss, or h:mm:ss from an hour on. Exact to the second, so two times that differ read differently. */
export function formatClock(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** A length of time in words, rounded: "under a second", "45 s", "3 min 20 s", "1 h 5 min". */
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

/** A subtitle cue's time, hh:mm:ss.mmm: WebVTT marks the milliseconds with ".", SubRip with ",". */
export function formatCueTime(seconds: number, decimalMark: '.' | ','): string {
  const millis = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
  const two = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const secs = Math.floor((millis % 60_000) / 1000);
  return `${two(hours)}:${two(minutes)}:${two(secs)}${decimalMark}${String(millis % 1000).padStart(3, '0')}`;
}
