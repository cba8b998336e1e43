import { jobAsRead, unfinishedVersion } from '../../shared/domain/job-lifecycle';
import { isRunning } from '../../shared/domain/job-status-rules';
import { jobPrefix, uploadsPrefixOf } from '../../shared/domain/object-keys';
import { statusInSentence } from '../../shared/domain/status-words';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, emptyResponse, httpHandler, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';

/** DELETE /jobs/{jobId}: the upload, every artifact made from it, then the record. A job past its run's time limit is failed first. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'metrics' | 'now'>) =>
  httpHandler('DELETE /jobs/{jobId}', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    // A running step would write its artifacts again after they were deleted.
    if (isRunning(job.status)) {
      throw new HttpError(409, 'JobRunning', `The job is still ${statusInSentence(job.status)}; delete it once it has completed or failed.`);
    }
    // The record goes first, and only as it was read: a retry or an upload's run starting at the
    // same moment either happens (the delete is refused) or finds no job; never both.
    const writing = unfinishedVersion(job);
    if (writing) {
      throw new HttpError(409, 'VersionUnderWay', `Version ${writing.version} of the notes is still being written; delete the job once it has completed or failed.`);
    }
    if (!(await deps.jobs.delete(job.jobId, jobAsRead(job)))) {
      throw new HttpError(409, 'JobChanged', 'The job changed while it was being deleted (it was retried, its upload arrived or a version was asked for); look at it again, then delete it.');
    }
    let objects: number;
    try {
      objects = (await deps.objects.deletePrefix(uploadsPrefixOf(job.jobId))) + (await deps.objects.deletePrefix(jobPrefix(job.jobId)));
    } catch (error) {
      // Put the record back, so the job is still there to delete again.
      await deps.jobs.create(job);
      throw error;
    }
    jobLogger(job.jobId).info('Job deleted', { objects });
    return emptyResponse(204);
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
