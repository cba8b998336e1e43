import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isTerminal } from '../../../shared/domain/job-status-rules';
import { POLL_SCHEDULE, nextPollDelay } from './poll-schedule';

/** Timers, injected so the schedule can be tested without waiting. */
export interface PollTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Whether the page is on screen; a hidden tab asks the server for nothing, unless someone waits for its news. */
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
  /**
   * Whether the job is still wanted while the page is hidden (a notice of its end is due): it is
   * then polled at the slowest pace. Asked at each poll, so a permission given later counts.
   * @default never
   */
  pollWhileHidden?(): boolean;
}

export interface JobPoller {
  stop(): void;
}

/** What counts as news: the same answer twice in a row slows polling down. */
const fingerprint = (job: JobStatusDocument) => `${job.status}|${job.progress}|${job.chunks.done}/${job.chunks.total}|${job.updatedAt}`;

/**
 * Polls a job until it completes or fails: at once, then on the back-off schedule; it pauses while
 * the page is hidden (or slows to the slowest pace when `pollWhileHidden`) and polls again as soon
 * as it shows; network errors only slow it down.
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
  const wantedHidden = () => options.pollWhileHidden?.() ?? false;
  const scheduleNext = () => {
    if (stopped || delayMs === undefined) return;
    const hidden = visibility.isHidden();
    if (hidden && !wantedHidden()) return;
    timer = timers.setTimeout(() => void poll(), hidden ? Math.max(delayMs, POLL_SCHEDULE.maxDelayMs) : delayMs);
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
    if (visibility.isHidden()) return scheduleNext();
    // Back on screen: the job may have moved a lot; ask now and start the schedule afresh.
    delayMs = undefined;
    void poll();
  });

  if (!visibility.isHidden() || wantedHidden()) void poll();
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
