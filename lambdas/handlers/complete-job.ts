import { CompleteJobInputSchema } from '../../shared/contracts/pipeline-state';
import { stageDurations } from '../../shared/domain/stage-durations';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/** Last step: the notes are stored, the job is done. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics' | 'now'>) => async (event: unknown): Promise<void> => {
  const { job, notes } = parseStepInput('CompleteJob', CompleteJobInputSchema, event);
  if (job.version > 1) {
    const completed = await deps.jobs.advanceVersion(job.jobId, job.version, 'completed', { notes: notes.notesKey, notesMarkdown: notes.markdownKey });
    return jobLogger(job.jobId).info(completed ? 'Version completed' : 'Version had already finished; completion not recorded', { version: job.version });
  }
  const completed = await deps.jobs.advance(job.jobId, 'completed', { artifacts: { notes: notes.notesKey, notesMarkdown: notes.markdownKey } });
  const log = jobLogger(job.jobId);
  if (!completed) return log.info('Job had already finished; completion not recorded');
  const record = await deps.jobs.get(job.jobId);
  if (record) {
    const now = deps.now();
    const totalSeconds = (now.getTime() - Date.parse(record.stageTimes.queued ?? record.createdAt)) / 1000;
    deps.metrics.jobCompleted(stageDurations(record.stageTimes, now), totalSeconds);
    log.info('Job completed', { totalSeconds, attempt: record.attempt });
  }
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
