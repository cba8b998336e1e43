import type { JobRecord } from '../../shared/contracts/job';
import type { RunInput } from '../../shared/contracts/pipeline-state';
import { transcriptKey } from '../../shared/domain/object-keys';
import { runName } from '../../shared/domain/run-names';
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
    return { resumed: false, reason: 'NotFailed', message: `Only a failed job can be retried; this one is ${statusInSentence(job.status)}.` };
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
