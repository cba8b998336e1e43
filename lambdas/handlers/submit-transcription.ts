import { SubmitTranscriptionInputSchema, type TranscriptionRef } from '../../shared/contracts/pipeline-state';
import { estimateAudioSeconds } from '../../shared/domain/audio-duration';
import { JobError } from '../../shared/domain/job-error';
import { TRANSCRIPTION_SETUP_HINT } from '../../shared/domain/transcription-setup';
import { expectedTranscriptionSeconds, nextTranscriptCheckSeconds } from '../../shared/domain/transcription-schedule';
import { SNIFF_BYTES } from '../../shared/domain/upload-content';
import { composeTranscription, type TranscriptionDependencies } from '../runtime/transcription-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/**
 * Hands the recording to the speech-to-text provider (a synchronous one transcribes it here); the
 * state machine then waits until the provider should be done with a recording this long, and checks.
 */
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
    // A synchronous provider has the transcript by the time submit returns: the first check comes at once.
    const expectedSeconds = deps.transcriber.transcribesOnSubmit ? 0 : expectedTranscriptionSeconds(await recordingSeconds(deps, job.uploadKey));
    const plan = (submittedAt: string) => {
      const elapsedSeconds = (deps.now().getTime() - Date.parse(submittedAt)) / 1000;
      return { submittedAt, expectedSeconds, waitSeconds: nextTranscriptCheckSeconds({ expectedSeconds, elapsedSeconds }), ready: false };
    };
    // A retry of this step after a successful submit must not pay for a second transcription.
    const existing = await deps.jobs.get(job.jobId);
    if (existing?.transcriptionId) {
      log.info('Transcription already submitted', { transcriptId: existing.transcriptionId });
      return { transcriptId: existing.transcriptionId, ...plan(existing.stageTimes.transcribing ?? deps.now().toISOString()) };
    }

    const audioUrl = await deps.objects.presignDownload(job.uploadKey, deps.limits.audioUrlSeconds);
    // The job shows as transcribing while such a provider works; its transcript id is then not recorded (the job is
    // already transcribing), so a retried step asks it again, and nothing stale is taken for its answer.
    if (deps.transcriber.transcribesOnSubmit) await deps.jobs.advance(job.jobId, 'transcribing');
    const { transcriptId } = await deps.transcriber.submit(audioUrl, job.jobId);
    const submittedAt = deps.now().toISOString();
    await deps.jobs.advance(job.jobId, 'transcribing', { transcriptionId: transcriptId });
    const ref = { transcriptId, ...plan(submittedAt) };
    log.info('Transcription submitted', { transcriptId, expectedSeconds: Math.round(expectedSeconds), firstCheckInSeconds: ref.waitSeconds });
    return ref;
  };

/** The recording's length as its header (or, failing that, its size) tells it; StartJob has checked the upload is there. */
async function recordingSeconds(deps: Pick<TranscriptionDependencies, 'objects'>, key: string): Promise<number> {
  const [stored, firstBytes] = await Promise.all([deps.objects.head(key), deps.objects.readStart(key, SNIFF_BYTES)]);
  return estimateAudioSeconds(firstBytes, stored?.sizeBytes ?? firstBytes.length);
}

export const handler = lambdaEntry(makeHandler, composeTranscription);
