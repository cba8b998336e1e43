import { PROVIDER_SPEEDS } from './provider-speeds';

/**
 * After the expected moment, each wait is this share of the time the provider
 * has taken so far: a transcript that lands just after a check waits at most
 * that share again, and a slow provider costs turns that grow geometrically,
 * not one every few seconds.
 */
export const RECHECK_SHARE = 0.04;

/** A Wait state waits whole seconds, one at least. */
const wholeSeconds = (seconds: number) => Math.max(1, Math.round(seconds));

/** When the provider should have the transcript of a recording this long, in seconds after submit, by its stated speed. */
export const expectedTranscriptionSeconds = (audioSeconds: number): number =>
  audioSeconds * PROVIDER_SPEEDS.transcription.secondsPerAudioSecond;

/**
 * A Wait ends on a whole second (Step Functions truncates timestamps to the
 * second too), so the first check lands in the second before the expected
 * moment and watches the provider across it: it asks every WATCH.pollMs until
 * WATCH.pastExpectedSeconds after it. A transcript on time is picked up within
 * a fifth of a second instead of up to a second late; the watch runs once a job.
 */
export const WATCH = { pollMs: 200, pastExpectedSeconds: 1 };

/**
 * How long the state machine waits before it next asks the provider: until
 * the second before the expected moment while that is ahead, then a small
 * share of the time taken.
 */
export function nextTranscriptCheckSeconds({ expectedSeconds, elapsedSeconds }: { expectedSeconds: number; elapsedSeconds: number }): number {
  const untilExpected = expectedSeconds - elapsedSeconds;
  if (untilExpected >= 1) return Math.floor(untilExpected);
  return wholeSeconds(RECHECK_SHARE * Math.max(elapsedSeconds, expectedSeconds));
}

/** How many more times a check at `elapsedSeconds` asks the provider, WATCH.pollMs apart, while it watches the expected moment: none outside it. */
export function watchPolls({ expectedSeconds, elapsedSeconds }: { expectedSeconds: number; elapsedSeconds: number }): number {
  if (elapsedSeconds < expectedSeconds - 1) return 0;
  const watchSeconds = expectedSeconds + WATCH.pastExpectedSeconds - elapsedSeconds;
  return Math.max(0, Math.ceil((watchSeconds * 1000) / WATCH.pollMs));
}
