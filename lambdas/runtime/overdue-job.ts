import type { JobRecord } from '../../shared/contracts/job';
import { overdueFailure, overdueVersionFailure } from '../../shared/domain/failure-message';
import { unfinishedVersion } from '../../shared/domain/job-lifecycle';
import { isOverdue } from '../../shared/domain/run-deadline';
import { jobLogger } from './powertools';
import type { ProviderFreeDependencies } from './provider-free-dependencies';

/**
 * A job whose run is past the pipeline's time limit is failed before anyone
 * is answered, so nothing shows as running for ever and its owner can retry or
 * delete it. The write is conditional: when the run finished the job meanwhile,
 * the stored job is answered as it is.
 */
export async function settleOverdue(deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics' | 'now'>, job: JobRecord): Promise<JobRecord> {
  if (!isOverdue(job, deps.now())) return settleOverdueVersion(deps, job);
  const failure = overdueFailure(job.status);
  const recorded = await deps.jobs.fail(job.jobId, failure);
  if (recorded) deps.metrics.jobFailed(job.status);
  jobLogger(job.jobId).error(recorded ? 'Job failed: its run is past the time limit' : 'Overdue job had finished meanwhile', { failure, runId: job.runId });
  return (await deps.jobs.get(job.jobId)) ?? job;
}

/**
 * The same for a version of the notes: its run began when its attempt was queued. Only the version
 * fails, so the job's notes stay readable and another version can be asked for.
 */
async function settleOverdueVersion(deps: Pick<ProviderFreeDependencies, 'jobs' | 'now'>, job: JobRecord): Promise<JobRecord> {
  const version = unfinishedVersion(job);
  if (!version || !isOverdue({ status: version.status, stageTimes: { queued: version.queuedAt ?? version.createdAt } }, deps.now())) return job;
  const failure = overdueVersionFailure(version.status);
  const recorded = await deps.jobs.advanceVersion(job.jobId, version.version, 'failed', { error: failure });
  jobLogger(job.jobId).error(recorded ? 'Version failed: its run is past the time limit' : 'Overdue version had finished meanwhile', { version: version.version, failure });
  return (await deps.jobs.get(job.jobId)) ?? job;
}
