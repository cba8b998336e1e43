import type { TranscriptDocument } from '../../shared/contracts/api';
import { TranscriptSchema } from '../../shared/contracts/transcript';
import { JobError } from '../../shared/domain/job-error';
import { statusInSentence } from '../../shared/domain/status-words';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';
import { readStoredJson } from '../runtime/stored-json';

/** GET /jobs/{jobId}/transcript: the stored transcript's timed segments, to its owner, once the pipeline has stored it. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects'>) =>
  httpHandler('GET /jobs/{jobId}/transcript', async (event) => {
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    const key = job.artifacts.transcript;
    if (!key) {
      const reason = job.status === 'failed' ? `the job failed before it had one: ${job.error?.message ?? 'no reason recorded'}` : `the job is ${statusInSentence(job.status)} (${job.progress}%)`;
      throw new HttpError(409, 'TranscriptNotReady', `The transcript is not stored yet: ${reason}.`);
    }
    try {
      const { source, language, durationSeconds, segments } = await readStoredJson(deps.objects, key, TranscriptSchema);
      const document: TranscriptDocument = { jobId: job.jobId, source, language, durationSeconds, segments };
      return jsonResponse(200, document);
    } catch (error) {
      // As for the notes: nothing the caller sent is wrong, so name the damaged file instead of a 500.
      if (error instanceof JobError && error.name === 'StoredDataInvalid') {
        throw new HttpError(422, 'StoredDataInvalid', `The transcript of job ${job.jobId} cannot be read. ${error.message}`);
      }
      throw error;
    }
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
