import type { CaughtError } from '../contracts/pipeline-state';
import type { JobStatus } from '../contracts/job-status';
import { isJobErrorName } from './job-error';

const STAGE_WORDS: Record<JobStatus, string> = {
  awaiting_upload: 'waiting for the upload',
  queued: 'checking the upload',
  transcribing: 'transcription',
  chunking: 'splitting the transcript',
  generating_notes: 'writing the notes',
  merging: 'assembling the notes',
  completed: 'finishing',
  failed: 'finishing',
};

/**
 * Lambda reports an error's cause as JSON ({errorType, errorMessage, trace});
 * other sources give plain text. Either way, the person sees a sentence.
 */
function causeText(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  try {
    const parsed: unknown = JSON.parse(cause);
    if (parsed && typeof parsed === 'object' && 'errorMessage' in parsed && typeof parsed.errorMessage === 'string') {
      return parsed.errorMessage;
    }
  } catch {
    // Not JSON: the cause is the message itself.
  }
  return cause;
}

/** Turns what a Catch caught into a message a person can act on. */
export function failureMessage(caught: CaughtError, stage: JobStatus): string {
  const stageWords = STAGE_WORDS[stage];
  if (isJobErrorName(caught.Error)) {
    return causeText(caught.Cause) ?? `The job failed during ${stageWords} (${caught.Error}).`;
  }
  if (caught.Error === 'States.Timeout') {
    return `The job took too long during ${stageWords} and was stopped. Retry the job; long recordings may need a higher task timeout.`;
  }
  if (caught.Error === 'States.DataLimitExceeded') {
    return `The job passed more data between its steps during ${stageWords} than Step Functions allows (256 KB). Retrying will not help: split the lecture and upload the parts, and report it with the job's id.`;
  }
  if (caught.Error.startsWith('Lambda.') || caught.Error === 'States.TaskFailed') {
    return `A service the pipeline depends on was unavailable during ${stageWords}. Retry the job in a few minutes.`;
  }
  return `The job failed unexpectedly during ${stageWords} (${caught.Error}). Retry the job; if it fails again, report it with the job's id.`;
}
