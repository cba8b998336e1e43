import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isRunning, progressOnEntering } from '../../../shared/domain/job-status-rules';

type JobProgress = Pick<JobStatusDocument, 'status' | 'progress' | 'chunks' | 'stageTimes' | 'createdAt'>;

const QUEUED_PROGRESS = progressOnEntering('queued') ?? 0;
/** Merging the chunks' notes takes about as long as writing one chunk's. */
const MERGE_IN_CHUNKS = 1;

const secondsSince = (isoTime: string | undefined, nowMs: number) => {
  const thenMs = isoTime ? Date.parse(isoTime) : Number.NaN;
  return Number.isNaN(thenMs) ? undefined : Math.max(0, (nowMs - thenMs) / 1000);
};

/**
 * Seconds until the notes are likely ready, or undefined while there is nothing to go on yet.
 * While notes are being written, the chunks done so far say how long the rest will take (they run
 * side by side, so the time per chunk is measured over the stage, not per call); before that, the
 * progress made since the job was queued is extrapolated.
 */
export function estimateSecondsLeft(job: JobProgress, nowMs: number): number | undefined {
  if (!isRunning(job.status)) return undefined;

  const { done, total } = job.chunks;
  const generatingFor = secondsSince(job.stageTimes.generating_notes, nowMs);
  if (job.status === 'generating_notes' && generatingFor !== undefined && done > 0 && done < total) {
    const secondsPerChunk = generatingFor / done;
    return secondsPerChunk * (total - done + MERGE_IN_CHUNKS);
  }

  const runningFor = secondsSince(job.stageTimes.queued ?? job.createdAt, nowMs);
  const progressMade = job.progress - QUEUED_PROGRESS;
  if (runningFor === undefined || runningFor <= 0 || progressMade <= 0) return undefined;
  return ((100 - job.progress) * runningFor) / progressMade;
}
