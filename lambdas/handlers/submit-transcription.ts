import { SubmitTranscriptionInputSchema, type TranscriptionRef } from '../../shared/contracts/pipeline-state';
import { estimateAudioSeconds } from '../../shared/domain/audio-duration';
import { JobError } from '../../shared/domain/job-error';
import { expectedTranscriptionSeconds, nextTranscriptCheckSeconds } from '../../shared/domain/transcription-schedule';
import { SNIFF_BYTES } from '../../shared/domain/upload-content';
import { composeDependencies, type Dependencies } from '../runtime/dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/**
 * Hands the recording to the speech-to-text provider; the state machine then
 * waits until the provider should be done with a recording this long, and checks.
 */
export const makeHandler =
  (deps: Pick<Dependencies, 'jobs' | 'objects' | 'transcriber' | 'limits' | 'now'>) =>
  async (event: unknown): Promise<TranscriptionRef> => {
    const { job } = parseStepInput('SubmitTranscription', SubmitTranscriptionInputSchema, event);
    const log = jobLogger(job.jobId);
    if (!deps.transcriber) {
      throw new JobError(
        'TranscriptionNotConfigured',
        'This recording needs speech-to-text, and no provider is configured: set ASSEMBLYAI_API_KEY, or upload a caption file (.vtt, .srt, .txt) instead.',
      );
    }
    const expectedSeconds = expectedTranscriptionSeconds(await recordingSeconds(deps, job.uploadKey));
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
    const { transcriptId } = await deps.transcriber.submit(audioUrl);
    const submittedAt = deps.now().toISOString();
    await deps.jobs.advance(job.jobId, 'transcribing', { transcriptionId: transcriptId });
    const ref = { transcriptId, ...plan(submittedAt) };
    log.info('Transcription submitted', { transcriptId, expectedSeconds: Math.round(expectedSeconds), firstCheckInSeconds: ref.waitSeconds });
    return ref;
  };

/** The recording's length as its header (or, failing that, its size) tells it; StartJob has checked the upload is there. */
async function recordingSeconds(deps: Pick<Dependencies, 'objects'>, key: string): Promise<number> {
  const [stored, firstBytes] = await Promise.all([deps.objects.head(key), deps.objects.readStart(key, SNIFF_BYTES)]);
  return estimateAudioSeconds(firstBytes, stored?.sizeBytes ?? firstBytes.length);
}

export const handler = lambdaEntry(makeHandler, composeDependencies);
