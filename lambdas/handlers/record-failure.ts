import { RecordFailureInputSchema } from '../../shared/contracts/pipeline-state';
import { failureMessage } from '../../shared/domain/failure-message';
import { isCurrentAttempt } from '../../shared/domain/job-lifecycle';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/** Where every Catch leads: the job ends `failed` with a message its owner can act on. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics'>) => async (event: unknown): Promise<void> => {
  const { jobId, attempt, version, error } = parseStepInput('RecordFailure', RecordFailureInputSchema, event);
  const log = jobLogger(jobId);
  const job = await deps.jobs.get(jobId);
  if (!job) {
    log.error('Run failed for a job that does not exist', { error });
    return;
  }
  if (version !== undefined) {
    // Only the version fails: the job and its other versions stay readable as they were.
    const failedVersion = job.versions?.[String(version)];
    if (!failedVersion) return log.error('Run failed for a version the job does not have', { version, error });
    const failure = { message: failureMessage(error, failedVersion.status), stage: failedVersion.status, code: error.Error };
    const recorded = await deps.jobs.advanceVersion(jobId, failedVersion.version, 'failed', { error: failure });
    log.error(recorded ? 'Version failed' : 'Version had already finished; failure not recorded', { version, failure, cause: error.Cause });
    return;
  }
  if (!isCurrentAttempt(job, attempt)) {
    log.warn('A run of an attempt the job has left failed; its failure is not the job\'s', { runAttempt: attempt, attempt: job.attempt, error });
    return;
  }
  const failure = { message: failureMessage(error, job.status), stage: job.status, code: error.Error };
  const recorded = await deps.jobs.fail(jobId, failure);
  if (recorded) deps.metrics.jobFailed(job.status);
  log.error(recorded ? 'Job failed' : 'Job had already finished; failure not recorded', { failure, cause: error.Cause });
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
