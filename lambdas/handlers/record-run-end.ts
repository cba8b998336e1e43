import { RunStatusChangeEventSchema, type RunStatusChangeEvent } from '../../shared/contracts/run-status-event';
import { runEndFailure } from '../../shared/domain/failure-message';
import { isTerminal } from '../../shared/domain/job-status-rules';
import { parseRunName, parseVersionRunName, runName } from '../../shared/domain/run-names';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger, logger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/**
 * The target of the run-end rule: a run that timed out, was aborted or failed
 * outside a Catch never reached RecordFailure, so its job would stay unfinished
 * for good. This fails the job, but only for the job's current run (a late
 * event for an earlier attempt must not fail the retry that followed it) and
 * only while the job is unfinished (after RecordFailure the job is failed
 * already, and `fail` itself never rewrites a finished job). Errors are thrown
 * so that EventBridge retries the delivery.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics'>) => async (event: unknown): Promise<{ recorded: boolean }> => {
  const { detail: run } = parseStepInput('RecordRunEnd', RunStatusChangeEventSchema, event);
  const versionRun = parseVersionRunName(run.name);
  if (versionRun) return recordVersionRunEnd(deps, run, versionRun);
  const named = parseRunName(run.name);
  const job = named && (await deps.jobs.get(named.jobId));
  if (!named || !job) {
    logger.warn('A run ended for no job this app knows; nothing to record', { executionArn: run.executionArn, status: run.status });
    return { recorded: false };
  }
  const log = jobLogger(job.jobId);
  // The job's runId is set once StartJob takes the run; before that, the name alone says which attempt it was.
  const current = run.name === runName(job.jobId, job.attempt) && (job.runId === undefined || job.runId === run.executionArn);
  if (!current || isTerminal(job.status)) {
    log.info('A run ended that is not the job\'s current, unfinished run; nothing to record', {
      executionArn: run.executionArn,
      status: run.status,
      attempt: job.attempt,
      jobStatus: job.status,
    });
    return { recorded: false };
  }
  const failure = runEndFailure(run, job.status);
  const recorded = await deps.jobs.fail(job.jobId, failure);
  if (recorded) deps.metrics.jobFailed(job.status);
  log.error(recorded ? 'Job failed: its run ended without finishing it' : 'Job had already finished; failure not recorded', {
    failure,
    executionArn: run.executionArn,
    cause: run.cause,
  });
  return { recorded };
};

/** A version's run that ended outside a Catch fails that version alone, while it is unfinished and the run is its current attempt's. */
async function recordVersionRunEnd(
  deps: Pick<ProviderFreeDependencies, 'jobs'>,
  run: RunStatusChangeEvent['detail'],
  { jobId, version, attempt }: { jobId: string; version: number; attempt: number },
): Promise<{ recorded: boolean }> {
  const stored = (await deps.jobs.get(jobId))?.versions?.[String(version)];
  const log = jobLogger(jobId);
  // A late event of an earlier attempt must not fail the retry that followed it.
  const current = stored !== undefined && stored.attempt === attempt && (stored.runId === undefined || stored.runId === run.executionArn);
  if (!stored || !current || isTerminal(stored.status)) {
    log.info('A version run ended that is not an unfinished version\'s run; nothing to record', { executionArn: run.executionArn, version });
    return { recorded: false };
  }
  const failure = runEndFailure(run, stored.status);
  const recorded = await deps.jobs.advanceVersion(jobId, version, 'failed', { error: failure });
  log.error(recorded ? 'Version failed: its run ended without finishing it' : 'Version had already finished; failure not recorded', { version, failure });
  return { recorded };
}

export const handler = lambdaEntry(makeHandler, composeProviderFree);
