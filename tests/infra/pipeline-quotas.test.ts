import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_SETTINGS } from '../../infra/constructs/notes-pipeline-definition';
import { exportPipelineAsl } from '../../infra/pipeline-asl';
import { HISTORY_EVENTS, HISTORY_LIMIT_EVENTS, PAYLOAD_LIMIT_BYTES, payloadBytes } from '../../infra/step-functions-quotas';
import { configFromEnvironment } from '../../lambdas/runtime/config';
import { DEFAULT_JOB_SIZE_LIMITS, MAX_CHUNKS_CEILING } from '../../shared/domain/job-limits';
import { nextTranscriptCheckSeconds } from '../../shared/domain/transcription-schedule';
import { chunkKey, uploadKey } from '../../shared/domain/object-keys';

type Retrier = { ErrorEquals: string[]; MaxAttempts?: number };
type State = { Type: string; Retry?: Retrier[]; ItemProcessor?: { States: Record<string, State> } };

const definition = exportPipelineAsl(DEFAULT_PIPELINE_SETTINGS);
const states = definition.States as Record<string, State>;
const map = states.GenerateNotes!;
const { limits } = configFromEnvironment({ BUCKET_NAME: 'b', JOBS_TABLE: 't' });

/** A task's events when every retrier it has is used up before it succeeds (ASL's default MaxAttempts is 3). */
const worstTaskEvents = (state: State) =>
  HISTORY_EVENTS.task + HISTORY_EVENTS.taskRetry * (state.Retry ?? []).reduce((sum, retrier) => sum + (retrier.MaxAttempts ?? 3), 0);
const worstEvents = (name: string) => {
  const state = states[name]!;
  return state.Type === 'Task' ? worstTaskEvents(state) : HISTORY_EVENTS.otherState;
};

/** One chunk: its Map iteration and every state inside it, every retry taken. */
const perChunk = HISTORY_EVENTS.mapIteration + Object.values(map.ItemProcessor!.States).reduce((sum, state) => sum + worstTaskEvents(state), 0);

/**
 * The wait loop's turns until CheckTranscription gives up, for the recording
 * that makes the most: one expected to be done at once (the schedule then
 * starts from one-second waits) whose provider never finishes.
 */
function turnsUntilTimedOut(maxWaitSeconds: number): number {
  let turns = 0;
  for (let elapsedSeconds = 0; elapsedSeconds <= maxWaitSeconds; turns++) elapsedSeconds += nextTranscriptCheckSeconds({ expectedSeconds: 0, elapsedSeconds });
  // The check past the limit fails the job.
  return turns + 1;
}

/**
 * Everything else an audio job's run can record, every retry taken: the
 * steps before and after the Map, the transcription wait loop turning until
 * TRANSCRIPTION_MAX_WAIT_SECONDS, and the failure path.
 */
const waitTurns = turnsUntilTimedOut(limits.transcriptionMaxWaitSeconds);
const besideChunks =
  HISTORY_EVENTS.execution +
  ['StartJob', 'DuplicateEvent', 'TranscriptStored', 'CaptionsOrAudio', 'SubmitTranscription', 'ChunkTranscript', 'MergeNotes', 'ReduceNotes', 'CompleteJob', 'RecordFailure', 'JobFailed']
    .map(worstEvents)
    .reduce((sum, events) => sum + events, 0) +
  HISTORY_EVENTS.map +
  waitTurns * (worstEvents('WaitForTranscript') + worstEvents('CheckTranscription') + worstEvents('TranscriptReady'));

const worstHistory = (chunks: number) => besideChunks + chunks * perChunk;

describe('the job size limits against Step Functions quotas, worked out from the exported ASL', () => {
  it('counts what one chunk can cost the history', () => {
    // 2 for the iteration, 5 for the task, 3 for each of its (3 + 3 + 2) retries.
    expect(perChunk).toBe(31);
    // One-second waits for the first 37 s, then 4 % of the time taken: 1,800 s in 137 turns, not 361 at a fixed 5 s.
    expect(waitTurns).toBe(137);
  });

  it(`keeps the default MAX_CHUNKS (${DEFAULT_JOB_SIZE_LIMITS.maxChunks}) within 80% of the ${HISTORY_LIMIT_EVENTS}-event history, every retry taken`, () => {
    expect(limits.maxChunks).toBe(DEFAULT_JOB_SIZE_LIMITS.maxChunks);
    expect(worstHistory(DEFAULT_JOB_SIZE_LIMITS.maxChunks)).toBeLessThanOrEqual(0.8 * HISTORY_LIMIT_EVENTS);
  });

  it(`keeps the most MAX_CHUNKS may be set to (${MAX_CHUNKS_CEILING}) within the history quota`, () => {
    expect(worstHistory(MAX_CHUNKS_CEILING)).toBeLessThan(HISTORY_LIMIT_EVENTS);
  });

  it('keeps the largest state, after chunking the most chunks allowed, far under 256 KB', () => {
    const jobId = randomUUID();
    const key = uploadKey(jobId, `${'a'.repeat(200)}.vtt`);
    const state = {
      jobId,
      attempt: 1,
      uploadKey: key,
      job: { jobId, uploadKey: key, sourceKind: 'audio', duplicate: false, hasTranscript: false },
      transcription: { transcriptId: randomUUID(), submittedAt: new Date().toISOString(), expectedSeconds: 104.7, waitSeconds: 4, ready: true },
      chunks: { keys: Array.from({ length: MAX_CHUNKS_CEILING }, (_, index) => chunkKey(jobId, index)), count: MAX_CHUNKS_CEILING },
    };
    expect(payloadBytes(state)).toBeLessThan(PAYLOAD_LIMIT_BYTES / 4);
  });
});
