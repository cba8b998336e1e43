import type { JobRecord } from '../../shared/contracts/job';
import { interruptedRunMessage, interruptedVersionMessage } from '../../shared/domain/failure-message';
import { unfinishedVersion } from '../../shared/domain/job-lifecycle';
import { isTerminal } from '../../shared/domain/job-status-rules';
import { runName, versionRunName } from '../../shared/domain/run-names';
import { jobLogger, logger } from '../../lambdas/runtime/powertools';
import { resumeFailedJob, resumeFailedVersion, resumePoint, uploadGoneMessage, type ResumeDependencies } from '../../lambdas/runtime/resume-job';
import type { ProviderFreeDependencies } from '../../lambdas/runtime/provider-free-dependencies';
import type { CreatedObject } from './stand-ins';

export interface ReconcileOptions {
  /** Whether the run of this name is still going in this runtime. */
  isRunning(runName: string): boolean;
  /** Hands an upload to start-run, as the upload's Object Created event would have. */
  deliverUpload(upload: CreatedObject): Promise<boolean>;
}

/** The bucket is where the uploads are, for handing one to start-run. */
export type ReconcileDependencies = ResumeDependencies & Pick<ProviderFreeDependencies, 'bucketName'>;

/** What became of each unfinished job, by job id (a version's as `{jobId}` and its number: `…/versions/2`). */
export interface ReconcileReport {
  /** Uploads that had arrived without starting a run, now handed to start-run. */
  uploadsDelivered: string[];
  /** Runs that were lost, now started again as the next attempt. */
  resumed: string[];
  /** Runs that were lost with nothing stored to resume from: the job (or version) is failed, and says what to do. */
  failed: string[];
}

const versionId = (jobId: string, version: number) => `${jobId}/versions/${version}`;

/**
 * The local runtime keeps its runs and its upload events in memory, so a
 * crash or a kill loses them while the jobs table still says the job is under
 * way: it would wait forever. On start, every unfinished job is set straight
 * by what is stored. An upload that arrived but started nothing is delivered
 * to start-run now; a job whose run is gone ends failed with a retryable
 * reason and is retried at once, exactly as POST /jobs/{id}/retry would, so
 * it resumes from its stored transcript and chunk notes. A version of a
 * finished job's notes whose run is gone is failed and retried the same way.
 */
export async function reconcileUnfinishedJobs(deps: ReconcileDependencies, options: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { uploadsDelivered: [], resumed: [], failed: [] };
  for (const job of await deps.jobs.listUnfinished()) {
    try {
      await (isTerminal(job.status) ? reconcileVersion(deps, options, job, report) : reconcileJob(deps, options, job, report));
    } catch (error) {
      // One job the store cannot answer for must not keep the others, or the server, from starting.
      logger.error('Could not reconcile an unfinished job; it is looked at again on the next start', { jobId: job.jobId, status: job.status, error });
    }
  }
  return report;
}

async function reconcileJob(deps: ReconcileDependencies, options: ReconcileOptions, job: JobRecord, report: ReconcileReport) {
  const log = jobLogger(job.jobId);
  if (job.status === 'awaiting_upload') {
    const stored = await deps.objects.head(job.artifacts.upload);
    // No upload yet: the presigned form may still be used, and its event will start the run.
    if (!stored) return;
    if (await options.deliverUpload({ bucket: deps.bucketName, key: job.artifacts.upload, size: stored.sizeBytes })) {
      report.uploadsDelivered.push(job.jobId);
      log.info('Upload had arrived without starting a run; delivered its event now');
    }
    return;
  }
  if (options.isRunning(runName(job.jobId, job.attempt))) return;

  // With nothing stored to resume from, a retry could not help: the message says what will.
  const resumable = (await resumePoint(deps, job)) !== undefined;
  const interrupted = { code: 'RunInterrupted', stage: job.status, message: resumable ? interruptedRunMessage(job.status) : uploadGoneMessage(job) };
  // Refused when the job finished in the meantime: then there is nothing to set straight.
  if (!(await deps.jobs.fail(job.jobId, interrupted))) return;
  const failed = resumable ? await deps.jobs.get(job.jobId) : undefined;
  const outcome = failed ? await resumeFailedJob(deps, failed) : undefined;
  if (outcome?.resumed) {
    report.resumed.push(job.jobId);
    log.info('Run was lost with the server; started the next attempt', { stage: job.status, attempt: outcome.attempt, resumesFrom: outcome.resumesFrom });
  } else {
    report.failed.push(job.jobId);
    log.warn('Run was lost with the server and cannot resume by itself', { stage: job.status, reason: outcome?.reason ?? (resumable ? 'JobNotFound' : 'UploadGone') });
  }
}

async function reconcileVersion(deps: ReconcileDependencies, options: ReconcileOptions, job: JobRecord, report: ReconcileReport) {
  const version = unfinishedVersion(job);
  if (!version || options.isRunning(versionRunName(job.jobId, version.version, version.attempt))) return;
  const log = jobLogger(job.jobId);
  const interrupted = { code: 'RunInterrupted', stage: version.status, message: interruptedVersionMessage(version.status) };
  // Refused when the version finished in the meantime: then there is nothing to set straight.
  if (!(await deps.jobs.advanceVersion(job.jobId, version.version, 'failed', { error: interrupted }))) return;
  const failed = (await deps.jobs.get(job.jobId))?.versions?.[String(version.version)];
  const outcome = failed ? await resumeFailedVersion(deps, job, failed) : undefined;
  if (outcome?.resumed) {
    report.resumed.push(versionId(job.jobId, version.version));
    log.info('Version run was lost with the server; started its next attempt', { version: version.version, stage: version.status, attempt: outcome.attempt });
  } else {
    report.failed.push(versionId(job.jobId, version.version));
    log.warn('Version run was lost with the server and cannot resume by itself', { version: version.version, reason: outcome?.reason ?? 'JobNotFound' });
  }
}
