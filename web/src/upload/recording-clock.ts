/** Recording time that stands still while paused. */
export interface RecordingClock {
  /** Time recorded in earlier stretches, before the last pause. */
  recordedMs: number;
  /** When the current stretch began; undefined while paused or stopped. */
  runningSinceMs: number | undefined;
}

export const startedClock = (nowMs: number): RecordingClock => ({ recordedMs: 0, runningSinceMs: nowMs });

export const elapsedMs = (clock: RecordingClock, nowMs: number) =>
  clock.recordedMs + (clock.runningSinceMs === undefined ? 0 : Math.max(0, nowMs - clock.runningSinceMs));

export const pausedClock = (clock: RecordingClock, nowMs: number): RecordingClock => ({ recordedMs: elapsedMs(clock, nowMs), runningSinceMs: undefined });

export const resumedClock = (clock: RecordingClock, nowMs: number): RecordingClock =>
  clock.runningSinceMs === undefined ? { ...clock, runningSinceMs: nowMs } : clock;
