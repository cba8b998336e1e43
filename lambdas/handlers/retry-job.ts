import { statusDocumentOf } from '../../shared/domain/status-document';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';
import { resumeFailedJob } from '../runtime/resume-job';

/**
 * POST /jobs/{jobId}/retry: another attempt at a failed job. It resumes from
 * what earlier attempts stored (the transcript, each chunk's notes), so
 * nothing is uploaded, transcribed or paid for twice. A job past its run's
 * time limit is failed first, so it can be retried too.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'runs' | 'metrics' | 'now' | 'prices'>) =>
  httpHandler('POST /jobs/{jobId}/retry', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    const outcome = await resumeFailedJob(deps, job);
    if (!outcome.resumed) {
      // Refused: another retry took this attempt, or a DELETE at the same moment removed the job (404).
      if (outcome.reason === 'RetryUnderWay') await ownedJob(deps.jobs, job.jobId, job.owner);
      throw new HttpError(409, outcome.reason, outcome.message);
    }
    jobLogger(job.jobId).info('Job retried', { attempt: outcome.attempt, resumesFrom: outcome.resumesFrom });
    const reopened = await ownedJob(deps.jobs, job.jobId, job.owner);
    return jsonResponse(202, statusDocumentOf(reopened, deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
