import { statusDocumentOf } from '../../shared/domain/status-document';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';

/** GET /jobs/{jobId}: the job's status and progress; a job past its run's time limit shows as failed. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics' | 'now' | 'prices'>) =>
  httpHandler('GET /jobs/{jobId}', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    return jsonResponse(200, statusDocumentOf(job, deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
