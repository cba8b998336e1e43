import { statusInSentence } from '../../shared/domain/status-words';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';
import { uploadFormFor } from '../runtime/upload-form';

/**
 * POST /jobs/{jobId}/upload: a fresh upload form for a job still waiting for its
 * file, because the first one expires after 15 minutes (a slow picker, a tab left
 * open, a cancelled upload). Once the file has arrived there is nothing to renew.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'limits' | 'now'>) =>
  httpHandler('POST /jobs/{jobId}/upload', async (event) => {
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    if (job.status !== 'awaiting_upload') {
      throw new HttpError(
        409,
        'UploadReceived',
        `${job.fileName} has been received already (the job is ${statusInSentence(job.status)}); a new upload form is only for a job still awaiting its file.`,
      );
    }
    const response = await uploadFormFor(deps, job);
    jobLogger(job.jobId).info('Upload form renewed', { expiresAt: response.expiresAt });
    return jsonResponse(200, response);
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
