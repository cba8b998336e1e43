import { JOB_LIST_LIMITS, type JobList } from '../../shared/contracts/api';
import { statusDocumentOf } from '../../shared/domain/status-document';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';

/** GET /jobs[?limit=N]: the caller's recent jobs, newest first; those past their run's time limit show as failed. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'metrics' | 'now' | 'prices'>) =>
  httpHandler('GET /jobs', async (event) => {
    const owner = callerOf(event);
    const asked = event.queryStringParameters?.limit;
    const limit = asked === undefined ? JOB_LIST_LIMITS.standard : Number(asked);
    if (!Number.isInteger(limit) || limit < 1 || limit > JOB_LIST_LIMITS.most) {
      throw new HttpError(400, 'InvalidRequest', `limit must be a whole number from 1 to ${JOB_LIST_LIMITS.most}.`);
    }
    const jobs = await Promise.all((await deps.jobs.listByOwner(owner, limit)).map((job) => settleOverdue(deps, job)));
    const list: JobList = { jobs: jobs.map((job) => statusDocumentOf(job, deps.prices)) };
    return jsonResponse(200, list);
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
