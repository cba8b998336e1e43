import { statusDocumentOf } from '../../shared/domain/status-document';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';
import { resumeFailedVersion } from '../runtime/resume-job';
import { versionNotFound, versionNumberOf } from '../runtime/version-number';

/**
 * POST /jobs/{jobId}/notes/{version}/retry: another attempt at a failed
 * version of a job's notes. It resumes from the stored transcript and the
 * chunk notes the version's earlier attempts wrote. A version past its run's
 * time limit is failed first, so it can be retried too.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'runs' | 'metrics' | 'now' | 'prices'>) =>
  httpHandler('POST /jobs/{jobId}/notes/{version}/retry', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    const number = versionNumberOf(pathParameter(event, 'version'));
    if (number === 1) {
      throw new HttpError(409, 'NotAVersionRun', "Version 1 is the job's own notes: retry it with POST /jobs/{jobId}/retry.");
    }
    const version = job.versions?.[String(number)];
    if (!version) throw versionNotFound(job, number);
    const outcome = await resumeFailedVersion(deps, job, version);
    if (!outcome.resumed) {
      // Refused: another retry took this attempt, or a DELETE at the same moment removed the job (404).
      if (outcome.reason === 'RetryUnderWay') await ownedJob(deps.jobs, job.jobId, job.owner);
      throw new HttpError(409, outcome.reason, outcome.message);
    }
    jobLogger(job.jobId).info('Version retried', { version: version.version, attempt: outcome.attempt });
    return jsonResponse(202, statusDocumentOf(await ownedJob(deps.jobs, job.jobId, job.owner), deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
