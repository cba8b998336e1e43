import { describe, expect, it } from 'vitest';
import type { JobStatusDocument } from '../../../shared/contracts/api';
import type { JobStatus } from '../../../shared/contracts/job-status';
import { costLedger, DEFAULT_COST_RATES } from '../../../shared/domain/job-cost';
import { startJobPoller, type PageVisibility, type PollTimers } from '../../../web/src/jobs/job-poller';
import { nextPollDelay, POLL_SCHEDULE } from '../../../web/src/jobs/poll-schedule';

describe('the poll schedule', () => {
  it('starts at about 2 s, slows by half each time nothing changed, and never waits more than 10 s', () => {
    const delays: number[] = [];
    let delay: number | undefined;
    for (let poll = 0; poll < 8; poll++) delays.push((delay = nextPollDelay(delay, 'unchanged')));
    expect(delays).toEqual([2000, 3000, 4500, 6750, 10000, 10000, 10000, 10000]);
  });

  it('goes back to the first delay as soon as the job moves, and backs off on errors', () => {
    expect(nextPollDelay(10_000, 'changed')).toBe(POLL_SCHEDULE.firstDelayMs);
    expect(nextPollDelay(4_500, 'error')).toBe(6_750);
  });
});

/** Timers that run only when the test says time has passed. */
function manualTimers() {
  let now = 0;
  let nextHandle = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: PollTimers = {
    setTimeout(callback, delayMs) {
      const handle = nextHandle++;
      pending.set(handle, { at: now + delayMs, callback });
      return handle;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    /** Delays of the timers waiting now, from the current time. */
    waiting: () => [...pending.values()].map((timer) => timer.at - now),
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = until;
    },
  };
}

function fakeVisibility(hidden = false) {
  const listeners = new Set<() => void>();
  const visibility: PageVisibility = {
    isHidden: () => hidden,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    visibility,
    listeners,
    set(nowHidden: boolean) {
      hidden = nowHidden;
      for (const listener of listeners) listener();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const jobAt = (status: JobStatus, progress: number): JobStatusDocument => ({
  jobId: 'job-1',
  status,
  progress,
  chunks: { done: 0, total: 0 },
  fileName: 'lecture.vtt',
  sourceKind: 'captions',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: `2026-03-01T10:00:${String(progress).padStart(2, '0')}.000Z`,
  stageTimes: {},
  usage: { audioSeconds: 0, inputTokens: 0, outputTokens: 0 },
  cost: costLedger({ audioSeconds: 0, inputTokens: 0, outputTokens: 0 }, DEFAULT_COST_RATES),
  notesReady: status === 'completed',
  versions: [{ version: 1, style: 'study', status, progress, createdAt: '2026-03-01T10:00:00.000Z', notesReady: status === 'completed' }],
});

/** A server whose answers the test scripts one poll at a time. */
function scriptedServer(answers: (JobStatusDocument | Error)[]) {
  let calls = 0;
  return {
    calls: () => calls,
    fetchJob: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('the job poller', () => {
  it('polls at once, backs off while nothing changes, and stops when the job completes', async () => {
    const clock = manualTimers();
    const { visibility } = fakeVisibility();
    const queued = jobAt('queued', 2);
    const server = scriptedServer([queued, queued, queued, jobAt('generating_notes', 50), jobAt('completed', 100)]);
    const seen: JobStatus[] = [];
    startJobPoller({ ...server, onJob: (job) => seen.push(job.status), onError: () => undefined, isFinalError: () => false, timers: clock.timers, visibility });

    await settle();
    expect(server.calls()).toBe(1);
    expect(clock.waiting()).toEqual([2000]);
    await clock.advance(2000);
    expect(clock.waiting()).toEqual([3000]);
    await clock.advance(3000);
    expect(clock.waiting()).toEqual([4500]);
    await clock.advance(4500);
    // The job moved: back to the first delay.
    expect(clock.waiting()).toEqual([2000]);
    await clock.advance(2000);
    expect(seen).toEqual(['queued', 'queued', 'queued', 'generating_notes', 'completed']);
    expect(clock.waiting()).toEqual([]);
    await clock.advance(60_000);
    expect(server.calls()).toBe(5);
  });

  it('asks nothing while the page is hidden and polls at once when it shows again', async () => {
    const clock = manualTimers();
    const page = fakeVisibility();
    const server = scriptedServer([jobAt('transcribing', 10)]);
    startJobPoller({ ...server, onJob: () => undefined, onError: () => undefined, isFinalError: () => false, timers: clock.timers, visibility: page.visibility });
    await settle();
    await clock.advance(2000);
    expect(server.calls()).toBe(2);

    page.set(true);
    expect(clock.waiting()).toEqual([]);
    await clock.advance(120_000);
    expect(server.calls()).toBe(2);

    page.set(false);
    await settle();
    expect(server.calls()).toBe(3);
    expect(clock.waiting()).toEqual([2000]);
  });

  it('keeps asking at the slowest pace while hidden when a notice of the end is due, and stops at the end', async () => {
    const clock = manualTimers();
    const page = fakeVisibility();
    let wanted = false;
    const server = scriptedServer([jobAt('transcribing', 10), jobAt('transcribing', 10), jobAt('generating_notes', 60), jobAt('completed', 100)]);
    const seen: JobStatus[] = [];
    startJobPoller({
      ...server,
      onJob: (job) => seen.push(job.status),
      onError: () => undefined,
      isFinalError: () => false,
      timers: clock.timers,
      visibility: page.visibility,
      pollWhileHidden: () => wanted,
    });
    await settle();
    page.set(true);
    // Not wanted (no permission yet): a hidden tab asks nothing.
    expect(clock.waiting()).toEqual([]);

    wanted = true;
    page.set(false);
    await settle();
    page.set(true);
    expect(clock.waiting()).toEqual([POLL_SCHEDULE.maxDelayMs]);
    await clock.advance(POLL_SCHEDULE.maxDelayMs);
    // The job moved, yet a hidden tab does not speed up.
    expect(clock.waiting()).toEqual([POLL_SCHEDULE.maxDelayMs]);
    await clock.advance(POLL_SCHEDULE.maxDelayMs);
    expect(seen).toEqual(['transcribing', 'transcribing', 'generating_notes', 'completed']);
    expect(clock.waiting()).toEqual([]);
  });

  it('polls at once a job whose end is wanted even when the page starts hidden', async () => {
    const clock = manualTimers();
    const page = fakeVisibility(true);
    const server = scriptedServer([jobAt('queued', 2)]);
    startJobPoller({ ...server, onJob: () => undefined, onError: () => undefined, isFinalError: () => false, timers: clock.timers, visibility: page.visibility, pollWhileHidden: () => true });
    await settle();
    expect(server.calls()).toBe(1);
    expect(clock.waiting()).toEqual([POLL_SCHEDULE.maxDelayMs]);
  });

  it('keeps going through network errors, more slowly, and says when it tries next', async () => {
    const clock = manualTimers();
    const { visibility } = fakeVisibility();
    const offline = new Error('offline');
    const server = scriptedServer([offline, offline, jobAt('completed', 100)]);
    const errors: (number | undefined)[] = [];
    let finished: JobStatusDocument | undefined;
    startJobPoller({
      ...server,
      onJob: (job) => (finished = job),
      onError: (_error, retryInMs) => errors.push(retryInMs),
      isFinalError: () => false,
      timers: clock.timers,
      visibility,
    });
    await settle();
    await clock.advance(2000);
    await clock.advance(3000);
    expect(errors).toEqual([2000, 3000]);
    expect(finished?.status).toBe('completed');
  });

  it('stops for good on an error that waiting cannot fix', async () => {
    const clock = manualTimers();
    const page = fakeVisibility();
    const server = scriptedServer([new Error('not found')]);
    const errors: (number | undefined)[] = [];
    startJobPoller({ ...server, onJob: () => undefined, onError: (_error, retryInMs) => errors.push(retryInMs), isFinalError: () => true, timers: clock.timers, visibility: page.visibility });
    await settle();
    expect(errors).toEqual([undefined]);
    expect(clock.waiting()).toEqual([]);
    expect(page.listeners.size).toBe(0);
  });

  it('does nothing more once stopped, even when an answer arrives late', async () => {
    const clock = manualTimers();
    const { visibility } = fakeVisibility();
    let answer: (job: JobStatusDocument) => void = () => undefined;
    const seen: JobStatusDocument[] = [];
    const poller = startJobPoller({
      fetchJob: () => new Promise((resolve) => (answer = resolve)),
      onJob: (job) => seen.push(job),
      onError: () => undefined,
      isFinalError: () => false,
      timers: clock.timers,
      visibility,
    });
    poller.stop();
    answer(jobAt('queued', 2));
    await settle();
    expect(seen).toEqual([]);
    expect(clock.waiting()).toEqual([]);
  });
});
