/* How often a job page asks for news: soon after something changed, less and less often while
   nothing does (a long transcription), and never slower than every ten seconds. */

export const POLL_SCHEDULE = { firstDelayMs: 2_000, maxDelayMs: 10_000, factor: 1.5 } as const;

export type PollOutcome = 'changed' | 'unchanged' | 'error';

/** The wait before the next poll, given the wait before this one (undefined for the first poll) and what it found. */
export function nextPollDelay(previousDelayMs: number | undefined, outcome: PollOutcome): number {
  if (previousDelayMs === undefined || outcome === 'changed') return POLL_SCHEDULE.firstDelayMs;
  return Math.min(POLL_SCHEDULE.maxDelayMs, Math.round(previousDelayMs * POLL_SCHEDULE.factor));
}
