import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isTerminal } from '../../../shared/domain/job-status-rules';
import { nextPollDelay } from './poll-schedule';

/** Timers, injected so the schedule can be tested without waiting. */
export interface PollTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Whether the page is on screen; a hidden tab asks the server for nothing. */
export interface PageVisibility {
  isHidden(): boolean;
  /** Returns the function that stops listening. */
  onChange(listener: () => void): () => void;
}

export interface JobPollerOptions {
  fetchJob(): Promise<JobStatusDocument>;
  onJob(job: JobStatusDocument): void;
  /** A poll failed; the next one follows in `retryInMs`, or never when the error is one that waiting cannot fix. */
  onError(error: unknown, retryInMs: number | undefined): void;
  /** Errors after which polling stops (the job is gone, the session ended). */
  isFinalError(error: unknown): boolean;
  timers: PollTimers;
  visibility: PageVisibility;
}

export interface JobPoller {
  stop(): void;
}

/** What counts as news: the same answer twice in a row slows polling down. */
const fingerprint = (job: JobStatusDocument) => `${job.status}|${job.progress}|${job.chunks.done}/${job.chunks.total}|${job.updatedAt}`;

/**
 * Polls a job until it completes or fails: at once, then on the back-off schedule; it pauses while
 * the page is hidden and polls again as soon as it shows; network errors only slow it down.
 */
export function startJobPoller(options: JobPollerOptions): JobPoller {
  const { timers, visibility } = options;
  let stopped = false;
  let inFlight = false;
  let timer: unknown;
  let delayMs: number | undefined;
  let lastSeen: string | undefined;

  const cancelTimer = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  const stop = () => {
    stopped = true;
    cancelTimer();
    stopListening();
  };
  const scheduleNext = () => {
    if (stopped || visibility.isHidden() || delayMs === undefined) return;
    timer = timers.setTimeout(() => void poll(), delayMs);
  };

  async function poll() {
    timer = undefined;
    if (stopped || inFlight) return;
    inFlight = true;
    try {
      const job = await options.fetchJob();
      if (stopped) return;
      const seen = fingerprint(job);
      delayMs = nextPollDelay(delayMs, seen === lastSeen ? 'unchanged' : 'changed');
      lastSeen = seen;
      options.onJob(job);
      if (isTerminal(job.status)) stop();
    } catch (error) {
      if (stopped) return;
      if (options.isFinalError(error)) {
        stop();
        options.onError(error, undefined);
        return;
      }
      delayMs = nextPollDelay(delayMs, 'error');
      options.onError(error, delayMs);
    } finally {
      inFlight = false;
    }
    scheduleNext();
  }

  const stopListening = visibility.onChange(() => {
    if (stopped) return;
    cancelTimer();
    if (visibility.isHidden()) return;
    // Back on screen: the job may have moved a lot; ask now and start the schedule afresh.
    delayMs = undefined;
    void poll();
  });

  if (!visibility.isHidden()) void poll();
  return { stop };
}

/** The browser's own timers and page visibility. */
export const browserPolling: Pick<JobPollerOptions, 'timers' | 'visibility'> = {
  timers: {
    setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  },
  visibility: {
    isHidden: () => document.visibilityState === 'hidden',
    onChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  },
};
