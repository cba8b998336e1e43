import type { JobRecord } from '../../shared/contracts/job';
import type { JobRef } from '../../shared/contracts/pipeline-state';
import { StartJobInputSchema } from '../../shared/contracts/pipeline-state';
import { JobError } from '../../shared/domain/job-error';
import { isCurrentAttempt } from '../../shared/domain/job-lifecycle';
import { DEFAULT_NOTES_STYLE } from '../../shared/domain/notes-styles';
import { transcriptKey } from '../../shared/domain/object-keys';
import { SNIFF_BYTES, inspectUpload } from '../../shared/domain/upload-content';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/** First step of a run: ties the run's upload to its job and claims the job for this run. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'limits'>) => async (event: unknown): Promise<JobRef> => {
  const { run, runId } = parseStepInput('StartJob', StartJobInputSchema, event);
  const { jobId, uploadKey: key } = run;
  const log = jobLogger(jobId);

  const job = await deps.jobs.get(jobId);
  if (!job) throw new JobError('JobNotFound', `No job ${jobId} exists for the upload ${key}; create uploads through POST /jobs.`);
  if (job.artifacts.upload !== key) {
    throw new JobError('InvalidUpload', `The upload ${key} is not the file job ${jobId} expects (${job.artifacts.upload}).`);
  }

  if (run.version !== undefined) return startVersion(deps, job, run.version, runId);
  const ref = { jobId, uploadKey: key, sourceKind: job.sourceKind, hasTranscript: false, version: 1, request: { style: job.style ?? DEFAULT_NOTES_STYLE } };
  if (!isCurrentAttempt(job, run.attempt)) {
    log.warn('Run is for an attempt the job has left; this run does nothing', { runId, runAttempt: run.attempt, attempt: job.attempt });
    return { ...ref, duplicate: true };
  }
  if (!(await deps.jobs.startRun(jobId, runId))) {
    log.warn('Upload event repeats one already taken; this run does nothing', { runId, status: job.status });
    return { ...ref, duplicate: true };
  }

  // A retry resumes after transcription when an earlier attempt stored the transcript; the upload may be gone by then.
  if (await deps.objects.head(transcriptKey(jobId))) {
    log.info('Run started from the stored transcript', { runId, attempt: job.attempt });
    return { ...ref, hasTranscript: true, duplicate: false };
  }
  const stored = await deps.objects.head(key);
  if (!stored) throw new JobError('InvalidUpload', `The upload ${job.fileName} is gone from storage; upload it again.`);
  const { format } = inspectUpload({
    fileName: job.fileName,
    declaredContentType: job.contentType,
    declaredSize: job.sizeBytes,
    expectedKind: job.sourceKind,
    storedSize: stored.sizeBytes,
    firstBytes: await deps.objects.readStart(key, SNIFF_BYTES),
    maxUploadBytes: deps.limits.maxUploadBytes,
  });
  log.info('Run started', { runId, attempt: job.attempt, sizeBytes: stored.sizeBytes, sourceKind: job.sourceKind, format });
  return { ...ref, duplicate: false };
};

/** A later version's run claims its version, not the job, and always starts from the stored transcript: nothing is transcribed again. */
async function startVersion(deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects'>, job: JobRecord, version: number, runId: string): Promise<JobRef> {
  const log = jobLogger(job.jobId);
  const stored = job.versions?.[String(version)];
  if (!stored) throw new JobError('JobNotFound', `Job ${job.jobId} has no version ${version} of its notes; add versions through POST /jobs/{jobId}/notes.`);
  const ref = {
    jobId: job.jobId,
    uploadKey: job.artifacts.upload,
    sourceKind: job.sourceKind,
    hasTranscript: true,
    version,
    request: { style: stored.style, ...(stored.instructions !== undefined && { instructions: stored.instructions }) },
  };
  if (!(await deps.jobs.startVersionRun(job.jobId, version, runId))) {
    log.warn('A second run for a version already taken; this run does nothing', { runId, version });
    return { ...ref, duplicate: true };
  }
  if (!(await deps.objects.head(transcriptKey(job.jobId)))) {
    throw new JobError('StoredDataInvalid', `The transcript of ${job.fileName} is no longer stored, so no new version can be written from it; upload the lecture again.`);
  }
  log.info('Version run started from the stored transcript', { runId, version, style: stored.style });
  return { ...ref, duplicate: false };
}

export const handler = lambdaEntry(makeHandler, composeProviderFree);
