import { SubmitTranscriptionInputSchema, type TranscriptionRef } from '../../shared/contracts/pipeline-state';
import { JobError } from '../../shared/domain/job-error';
import { TRANSCRIPTION_SETUP_HINT } from '../../shared/domain/transcription-setup';
import { composeTranscription, type TranscriptionDependencies } from '../runtime/transcription-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/** Hands the recording to the speech-to-text provider (a synchronous one transcribes it here); the state machine then waits and checks. */
export const makeHandler =
  (deps: Pick<TranscriptionDependencies, 'jobs' | 'objects' | 'transcriber' | 'limits' | 'now'>) =>
  async (event: unknown): Promise<TranscriptionRef> => {
    const { job } = parseStepInput('SubmitTranscription', SubmitTranscriptionInputSchema, event);
    const log = jobLogger(job.jobId);
    if (!deps.transcriber) {
      throw new JobError(
        'TranscriptionNotConfigured',
        `This recording needs speech-to-text, and no provider is configured: ${TRANSCRIPTION_SETUP_HINT}; or upload a caption file (.vtt, .srt, .txt) instead.`,
      );
    }
    // A retry of this step after a successful submit must not pay for a second transcription.
    const existing = await deps.jobs.get(job.jobId);
    if (existing?.transcriptionId) {
      log.info('Transcription already submitted', { transcriptId: existing.transcriptionId });
      return { transcriptId: existing.transcriptionId, submittedAt: existing.stageTimes.transcribing ?? deps.now().toISOString() };
    }

    const audioUrl = await deps.objects.presignDownload(job.uploadKey, deps.limits.audioUrlSeconds);
    // The job shows as transcribing while such a provider works; its transcript id is then not recorded (the job is
    // already transcribing), so a retried step asks it again, and nothing stale is taken for its answer.
    if (deps.transcriber.transcribesOnSubmit) await deps.jobs.advance(job.jobId, 'transcribing');
    const { transcriptId } = await deps.transcriber.submit(audioUrl, job.jobId);
    await deps.jobs.advance(job.jobId, 'transcribing', { transcriptionId: transcriptId });
    log.info('Transcription submitted', { transcriptId });
    return { transcriptId, submittedAt: deps.now().toISOString() };
  };

export const handler = lambdaEntry(makeHandler, composeTranscription);
