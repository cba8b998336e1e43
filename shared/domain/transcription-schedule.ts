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
 * How long the state machine waits before it next asks the provider: until the
 * expected moment while that is ahead, then a small share of the time taken.
 */
export function nextTranscriptCheckSeconds({ expectedSeconds, elapsedSeconds }: { expectedSeconds: number; elapsedSeconds: number }): number {
  const untilExpected = expectedSeconds - elapsedSeconds;
  if (untilExpected >= 1) return Math.ceil(untilExpected);
  return wholeSeconds(RECHECK_SHARE * Math.max(elapsedSeconds, expectedSeconds));
}
