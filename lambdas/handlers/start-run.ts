import type { RunInput } from '../../shared/contracts/pipeline-state';
import { ObjectCreatedEventSchema } from '../../shared/contracts/upload-event';
import { parseUploadKey } from '../../shared/domain/object-keys';
import { runName } from '../../shared/domain/run-names';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger, logger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/**
 * The upload rule's target: maps the upload event to the run input and starts
 * the job's first run under a name made of the job and attempt, so a repeated
 * event (EventBridge delivers at least once, and a user may upload twice)
 * starts nothing more. Errors are thrown so that EventBridge retries the delivery.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'runs' | 'metrics'>) => async (event: unknown): Promise<{ started: boolean }> => {
  const upload = parseStepInput('StartRun', ObjectCreatedEventSchema, event);
  const key = upload.detail.object.key;
  const parsed = parseUploadKey(key);
  const job = parsed && (await deps.jobs.get(parsed.jobId));
  if (!job) {
    logger.warn('An object arrived under uploads/ that no job expects; nothing to start', { key });
    return { started: false };
  }
  const log = jobLogger(job.jobId);
  if (job.status !== 'awaiting_upload') {
    log.info('An upload arrived for a job already under way or finished; nothing to start', { key, status: job.status });
    return { started: false };
  }
  const name = runName(job.jobId, job.attempt);
  const input: RunInput = { jobId: job.jobId, attempt: job.attempt, uploadKey: key };
  const { started } = await deps.runs.start(name, input);
  if (started) deps.metrics.jobStarted();
  log.info(started ? 'Run started' : 'Run had started already', { runName: name });
  return { started };
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
