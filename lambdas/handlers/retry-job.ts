import { statusDocumentOf } from '../../shared/domain/status-document';
import { transcriptKey } from '../../shared/domain/object-keys';
import { runName } from '../../shared/domain/run-names';
import { objectCreatedEvent } from '../../shared/domain/upload-event';
import { composeStorage, type StorageDependencies } from '../runtime/storage-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';

/**
 * POST /jobs/{jobId}/retry: another attempt at a failed job. It resumes from
 * what earlier attempts stored (the transcript, each chunk's notes), so
 * nothing is uploaded, transcribed or paid for twice. A job past its run's
 * time limit is failed first, so it can be retried too.
 */
export const makeHandler = (deps: Pick<StorageDependencies, 'jobs' | 'objects' | 'runs' | 'metrics' | 'bucketName' | 'now' | 'prices'>) =>
  httpHandler('POST /jobs/{jobId}/retry', async (event) => {
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    if (job.status !== 'failed') {
      throw new HttpError(409, 'NotFailed', `Only a failed job can be retried; this one is ${job.status.replace('_', ' ')}.`);
    }
    const [transcript, upload] = await Promise.all([deps.objects.head(transcriptKey(job.jobId)), deps.objects.head(job.artifacts.upload)]);
    if (!transcript && !upload) {
      throw new HttpError(409, 'UploadGone', `${job.fileName} is no longer stored and was never transcribed: create a new job and upload it again.`);
    }
    // A transcription the provider itself rejected must be submitted anew; any other failure keeps its transcript id.
    const forgetTranscription = job.error?.code === 'TranscriptionFailed';
    if (!(await deps.jobs.reopen(job.jobId, job.attempt, { forgetTranscription }))) {
      // Refused: another retry took this attempt, or a DELETE at the same moment removed the job (404).
      await ownedJob(deps.jobs, job.jobId, job.owner);
      throw new HttpError(409, 'RetryUnderWay', 'This job is being retried already.');
    }
    const attempt = job.attempt + 1;
    const input = objectCreatedEvent({ bucket: deps.bucketName, key: job.artifacts.upload, size: job.sizeBytes, time: deps.now() });
    await deps.runs.start(runName(job.jobId, attempt), input);
    jobLogger(job.jobId).info('Job retried', { attempt, resumesFrom: transcript ? 'transcript' : 'upload' });
    const reopened = await ownedJob(deps.jobs, job.jobId, job.owner);
    return jsonResponse(202, statusDocumentOf(reopened, deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeStorage);
