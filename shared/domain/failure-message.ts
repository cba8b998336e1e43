import type { JobFailure } from '../contracts/job';
import type { CaughtError } from '../contracts/pipeline-state';
import type { JobStatus } from '../contracts/job-status';
import type { RunEndStatus } from '../contracts/run-status-event';
import { isJobErrorName } from './job-error';
import { PIPELINE_TIMEOUT_SECONDS } from './pipeline-limits';
import { STATUS_WORDS } from './status-words';

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
  const stageWords = STATUS_WORDS[stage].during;
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

const LIMIT_MINUTES = Math.round(PIPELINE_TIMEOUT_SECONDS / 60);
const RETRY_RESUMES = 'Retry the job; it resumes from what was already done.';

/**
 * A run that ended without a Catch leading it to RecordFailure: Step Functions
 * reported it through its status-change event. `stage` is where the job was.
 */
export function runEndFailure(
  run: { status: RunEndStatus; error?: string | null; cause?: string | null },
  stage: JobStatus,
): JobFailure {
  const stageWords = STATUS_WORDS[stage].during;
  switch (run.status) {
    case 'TIMED_OUT':
      return {
        code: 'RunTimedOut',
        stage,
        message: `The job timed out after ${LIMIT_MINUTES} minutes, the pipeline's time limit, during ${stageWords}, and was stopped. ${RETRY_RESUMES}`,
      };
    case 'ABORTED':
      return { code: 'RunAborted', stage, message: `The job's run was stopped during ${stageWords} before it finished. ${RETRY_RESUMES}` };
    case 'FAILED': {
      const code = run.error || 'RunFailed';
      return { code, stage, message: failureMessage({ Error: code, Cause: run.cause ?? undefined }, stage) };
    }
  }
}

/** A job found still unfinished after its run's time limit (see run-deadline.ts). */
export const overdueFailure = (stage: JobStatus): JobFailure => ({
  code: 'RunTimedOut',
  stage,
  message: `The job was still at ${STATUS_WORDS[stage].during} when the pipeline's ${LIMIT_MINUTES}-minute time limit had passed, so it was stopped. ${RETRY_RESUMES}`,
});

/** The same for a version of the notes: the other versions are unharmed, and the version's retry resumes it. */
export const overdueVersionFailure = (stage: JobStatus): JobFailure => ({
  code: 'RunTimedOut',
  stage,
  message: `This version was still at ${STATUS_WORDS[stage].during} when the pipeline's ${LIMIT_MINUTES}-minute time limit had passed, so it was stopped. The other versions are unchanged; retry this version: it resumes from what was already done.`,
});

/** The failure of a job whose run ended with the server running it: nothing is wrong with the job itself. */
export const interruptedRunMessage = (stage: JobStatus): string =>
  `The server running this job stopped during ${STATUS_WORDS[stage].during}. Retry the job: it resumes from what was already done.`;

/** The same for a version of the notes. */
export const interruptedVersionMessage = (stage: JobStatus): string =>
  `The server writing this version stopped during ${STATUS_WORDS[stage].during}. Retry the version: it resumes from what was already done.`;
