import { statusDocumentOf } from '../../shared/domain/status-document';
import { composeStorage, type StorageDependencies } from '../runtime/storage-dependencies';
import { callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';

/** GET /jobs/{jobId}: the job's status and progress. */
export const makeHandler = (deps: Pick<StorageDependencies, 'jobs' | 'prices'>) =>
  httpHandler('GET /jobs/{jobId}', async (event) => {
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    return jsonResponse(200, statusDocumentOf(job, deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeStorage);
