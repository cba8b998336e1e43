import { isTerminal } from '../../shared/domain/job-status-rules';
import { jobPrefix, uploadsPrefixOf } from '../../shared/domain/object-keys';
import { composeStorage, type StorageDependencies } from '../runtime/storage-dependencies';
import { HttpError, callerOf, httpHandler, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';

/** DELETE /jobs/{jobId}: the upload, every artifact made from it, then the record. A job past its run's time limit is failed first. */
export const makeHandler = (deps: Pick<StorageDependencies, 'jobs' | 'objects' | 'metrics' | 'now'>) =>
  httpHandler('DELETE /jobs/{jobId}', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    // A running step would write its artifacts again after they were deleted.
    if (job.status !== 'awaiting_upload' && !isTerminal(job.status)) {
      throw new HttpError(409, 'JobRunning', `The job is still ${job.status.replace('_', ' ')}; delete it once it has completed or failed.`);
    }
    const objects = (await deps.objects.deletePrefix(uploadsPrefixOf(job.jobId))) + (await deps.objects.deletePrefix(jobPrefix(job.jobId)));
    // The record goes last: if anything above fails, the job is still there to delete again.
    await deps.jobs.delete(job.jobId);
    jobLogger(job.jobId).info('Job deleted', { objects });
    return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
  });

export const handler = lambdaEntry(makeHandler, composeStorage);
