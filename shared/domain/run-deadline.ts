import type { JobRecord } from '../contracts/job';
import { isRunning } from './job-status-rules';
import { PIPELINE_TIMEOUT_SECONDS } from './pipeline-limits';

/**
 * Step Functions' own timeout, reported through its status-change event,
 * normally fails the job first and with a more specific message; the margin
 * leaves that event time to arrive before the API steps in.
 */
export const OVERDUE_MARGIN_SECONDS = 5 * 60;

/**
 * A job whose current run began longer ago than any run may last can no
 * longer be running: its run ended without telling the job (a lost event, an
 * aborted execution). A job still waiting for its upload has no run, and a
 * finished job is never overdue. The run began when the job was queued for it
 * (StartJob takes the upload, a retry reopens the job), so a job with no such
 * time has no run to judge.
 */
export function isOverdue(job: Pick<JobRecord, 'status' | 'stageTimes'>, now: Date, limitSeconds = PIPELINE_TIMEOUT_SECONDS): boolean {
  if (!isRunning(job.status)) return false;
  const began = job.stageTimes.queued;
  if (!began) return false;
  return now.getTime() - Date.parse(began) > (limitSeconds + OVERDUE_MARGIN_SECONDS) * 1000;
}
