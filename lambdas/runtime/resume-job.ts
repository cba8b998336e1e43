import type { JobRecord, NotesVersion } from '../../shared/contracts/job';
import type { RunInput } from '../../shared/contracts/pipeline-state';
import { transcriptKey } from '../../shared/domain/object-keys';
import { runName, versionRunName } from '../../shared/domain/run-names';
import { statusInSentence } from '../../shared/domain/status-words';
import type { ProviderFreeDependencies } from './provider-free-dependencies';

export type ResumeDependencies = Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'runs'>;

export type ResumeOutcome =
  | { resumed: true; attempt: number; resumesFrom: 'transcript' | 'upload' }
  | { resumed: false; reason: 'NotFailed' | 'UploadGone' | 'RetryUnderWay'; message: string };

/**
 * Opens the next attempt of a failed job and starts its run. The run resumes
 * from what earlier attempts stored (the transcript, each chunk's notes), so
 * nothing is uploaded, transcribed or paid for twice. A person's retry and a
 * runtime re-driving a run it lost both come through here.
 */
export async function resumeFailedJob(deps: ResumeDependencies, job: JobRecord): Promise<ResumeOutcome> {
  if (job.status !== 'failed') {
    // A version's failures say "retry", and its retry has a route of its own.
    const failedVersion = Object.values(job.versions ?? {}).findLast((version) => version.status === 'failed');
    const versionRetry = failedVersion ? ` Version ${failedVersion.version} of its notes failed: retry it with POST /jobs/{jobId}/notes/${failedVersion.version}/retry.` : '';
    return { resumed: false, reason: 'NotFailed', message: `Only a failed job can be retried; this one is ${statusInSentence(job.status)}.${versionRetry}` };
  }
  const resumesFrom = await resumePoint(deps, job);
  if (!resumesFrom) return { resumed: false, reason: 'UploadGone', message: uploadGoneMessage(job) };
  // A transcription the provider itself rejected must be submitted anew; any other failure keeps its transcript id.
  const forgetTranscription = job.error?.code === 'TranscriptionFailed';
  if (!(await deps.jobs.reopen(job.jobId, job.attempt, { forgetTranscription }))) {
    return { resumed: false, reason: 'RetryUnderWay', message: 'This job is being retried already.' };
  }
  const attempt = job.attempt + 1;
  const input: RunInput = { jobId: job.jobId, attempt, uploadKey: job.artifacts.upload };
  await deps.runs.start(runName(job.jobId, attempt), input);
  return { resumed: true, attempt, resumesFrom };
}

/** Where a new attempt would start: the stored transcript, else the upload; undefined when neither is stored. */
export async function resumePoint(deps: Pick<ResumeDependencies, 'objects'>, job: JobRecord): Promise<'transcript' | 'upload' | undefined> {
  const [transcript, upload] = await Promise.all([deps.objects.head(transcriptKey(job.jobId)), deps.objects.head(job.artifacts.upload)]);
  return transcript ? 'transcript' : upload ? 'upload' : undefined;
}

export const uploadGoneMessage = (job: Pick<JobRecord, 'fileName'>) =>
  `${job.fileName} is no longer stored and was never transcribed: create a new job and upload it again.`;

/** A version's run: the job's attempt that finished, and the version it writes. */
export const versionRunInput = (job: JobRecord, version: number): RunInput => ({ jobId: job.jobId, attempt: job.attempt, uploadKey: job.artifacts.upload, version });

export type VersionResumeOutcome =
  | { resumed: true; attempt: number }
  | { resumed: false; reason: 'NotFailed' | 'TranscriptGone' | 'RetryUnderWay'; message: string };

/**
 * Opens the next attempt of a failed version of a job's notes and starts its
 * run. Like a job's retry, it resumes from what is stored: the transcript, and
 * the chunk notes the version's earlier attempts wrote.
 */
export async function resumeFailedVersion(deps: ResumeDependencies, job: JobRecord, version: NotesVersion): Promise<VersionResumeOutcome> {
  if (version.status !== 'failed') {
    return { resumed: false, reason: 'NotFailed', message: `Only a failed version can be retried; version ${version.version} is ${statusInSentence(version.status)}.` };
  }
  if (!(await deps.objects.head(transcriptKey(job.jobId)))) {
    return { resumed: false, reason: 'TranscriptGone', message: `The transcript of ${job.fileName} is no longer stored, so version ${version.version} cannot be written again; upload the lecture again.` };
  }
  if (!(await deps.jobs.reopenVersion(job.jobId, version.version, version.attempt))) {
    return { resumed: false, reason: 'RetryUnderWay', message: 'This version is being retried already, or another version is being written; look at the job again.' };
  }
  const attempt = version.attempt + 1;
  await deps.runs.start(versionRunName(job.jobId, version.version, attempt), versionRunInput(job, version.version));
  return { resumed: true, attempt };
}
