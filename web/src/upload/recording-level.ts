/** The quietest sound the meter shows, in decibels below full scale; speech sits around -40 to -10. */
const FLOOR_DB = -60;

/** How loud a frame of microphone samples (-1…1) is, from 0 (silence) to 1 (full scale), on a decibel scale as level meters show it. */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sumOfSquares = 0;
  for (let index = 0; index < samples.length; index++) sumOfSquares += samples[index]! ** 2;
  const rms = Math.sqrt(sumOfSquares / samples.length);
  if (rms === 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (decibels - FLOOR_DB) / -FLOOR_DB));
}
