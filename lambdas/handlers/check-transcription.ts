import { setTimeout as sleep } from 'node:timers/promises';
import { CheckTranscriptionInputSchema, type TranscriptionRef } from '../../shared/contracts/pipeline-state';
import { JobError } from '../../shared/domain/job-error';
import { TRANSCRIPTION_SETUP_HINT } from '../../shared/domain/transcription-setup';
import { checkTranscriptSize } from '../../shared/domain/job-limits';
import { transcriptionProgress } from '../../shared/domain/job-status-rules';
import { transcriptKey } from '../../shared/domain/object-keys';
import { WATCH, nextTranscriptCheckSeconds, watchPolls } from '../../shared/domain/transcription-schedule';
import { composeTranscription, type TranscriptionDependencies } from '../runtime/transcription-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { writeStoredJson } from '../runtime/stored-json';

const minutes = (seconds: number) => Math.round(seconds / 60);

/**
 * One turn of the wait loop: stores the transcript once the provider has it,
 * fails on its error or when waiting too long, and otherwise says when to look again.
 */
export const makeHandler =
  (deps: Pick<TranscriptionDependencies, 'jobs' | 'objects' | 'transcriber' | 'limits' | 'now'>) =>
  async (event: unknown): Promise<TranscriptionRef> => {
    const { job, transcription } = parseStepInput('CheckTranscription', CheckTranscriptionInputSchema, event);
    if (!deps.transcriber) throw new JobError('TranscriptionNotConfigured', `The speech-to-text provider is no longer configured: ${TRANSCRIPTION_SETUP_HINT}, and retry the job.`);
    const log = jobLogger(job.jobId);
    const elapsedSeconds = (deps.now().getTime() - Date.parse(transcription.submittedAt)) / 1000;

    let check = await deps.transcriber.check(transcription.transcriptId);
    // Near the moment the provider should be done, keep asking for a second or so rather than wait a whole Wait.
    for (let poll = watchPolls({ expectedSeconds: transcription.expectedSeconds, elapsedSeconds }); poll > 0 && check.state === 'processing'; poll--) {
      await sleep(WATCH.pollMs);
      check = await deps.transcriber.check(transcription.transcriptId);
    }
    const checkedSeconds = (deps.now().getTime() - Date.parse(transcription.submittedAt)) / 1000;
    switch (check.state) {
      case 'completed': {
        checkTranscriptSize(check.transcript, deps.limits, job.uploadKey.split('/').pop() ?? job.uploadKey);
        const key = transcriptKey(job.jobId);
        await writeStoredJson(deps.objects, key, check.transcript);
        log.info('Transcript stored', { transcriptId: transcription.transcriptId, durationSeconds: check.transcript.durationSeconds, elapsedSeconds: checkedSeconds });
        return { ...transcription, ready: true };
      }
      case 'failed':
        throw new JobError('TranscriptionFailed', `The speech-to-text provider could not transcribe ${job.uploadKey.split('/').pop()}: ${check.reason}`);
      case 'processing':
        if (checkedSeconds > deps.limits.transcriptionMaxWaitSeconds) {
          throw new JobError(
            'TranscriptionTimedOut',
            `Transcription did not finish within ${minutes(deps.limits.transcriptionMaxWaitSeconds)} minutes. The provider may be backed up: retry the job later.`,
          );
        }
        await deps.jobs.raiseProgress(job.jobId, 'transcribing', transcriptionProgress(checkedSeconds));
        return { ...transcription, ready: false, waitSeconds: nextTranscriptCheckSeconds({ expectedSeconds: transcription.expectedSeconds, elapsedSeconds: checkedSeconds }) };
    }
  };

export const handler = lambdaEntry(makeHandler, composeTranscription);
