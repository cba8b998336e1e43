import { JOB_STATUSES, type JobStatus } from '../contracts/job-status';
import type { StageTimes } from '../contracts/job';
import { isRunning } from './job-status-rules';

/** The stages the pipeline works in: waiting for the upload, and finishing, are not among them. */
const PIPELINE_STAGES = JOB_STATUSES.filter(isRunning);

/**
 * Seconds spent in each pipeline stage the job went through: from entering
 * it to entering the next one (or `end` for the last). Stages a job skipped,
 * such as transcription for captions, are absent.
 */
export function stageDurations(stageTimes: StageTimes, end: Date): Partial<Record<JobStatus, number>> {
  const entered = PIPELINE_STAGES.flatMap((status) => {
    const at = stageTimes[status];
    return at ? [{ status, at: Date.parse(at) }] : [];
  }).sort((a, b) => a.at - b.at);
  const durations: Partial<Record<JobStatus, number>> = {};
  entered.forEach(({ status, at }, index) => {
    const until = entered[index + 1]?.at ?? end.getTime();
    durations[status] = Math.max(0, (until - at) / 1000);
  });
  return durations;
}
