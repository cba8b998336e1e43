import type { RecordingLink } from '../../shared/contracts/api';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';

/**
 * Long enough for a page to start playing and seek about, short enough that a copied link soon
 * stops working: the page asks for a new one when its player reports an error.
 */
export const RECORDING_URL_SECONDS = 15 * 60;

/** GET /jobs/{jobId}/recording: a short-lived link to the owner's own recording, for the notes page's player. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'now'>) =>
  httpHandler('GET /jobs/{jobId}/recording', async (event) => {
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    if (job.sourceKind === 'captions') {
      throw new HttpError(409, 'NoRecording', `${job.fileName} is a caption file: there is no recording to play. Its time stamps go to the transcript.`);
    }
    if (job.status === 'awaiting_upload') {
      throw new HttpError(409, 'UploadNotReceived', `${job.fileName} has not been uploaded yet: the recording can be played once it has arrived.`);
    }
    // The bucket's lifecycle deletes uploads before the notes (see README, "What is kept"): say so rather than hand out a link to nothing.
    if (!(await deps.objects.head(job.artifacts.upload))) {
      throw new HttpError(
        409,
        'RecordingNotStored',
        `The recording ${job.fileName} is no longer stored (uploads are kept for less time than notes); the notes and transcript are still here.`,
      );
    }
    const url = await deps.objects.presignDownload(job.artifacts.upload, RECORDING_URL_SECONDS);
    const link: RecordingLink = { url, expiresAt: new Date(deps.now().getTime() + RECORDING_URL_SECONDS * 1000).toISOString() };
    return jsonResponse(200, link);
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
