import { TERMINAL_STATUSES, type JobStatus } from '../contracts/job-status';

export const isTerminal = (status: JobStatus) => TERMINAL_STATUSES.includes(status);

/** The pipeline is working on the job: its file has arrived and it has not finished. */
export const isRunning = (status: JobStatus) => status !== 'awaiting_upload' && !isTerminal(status);

/* Progress bands: each stage starts above where the previous one can reach,
   so moving forward never lowers the bar. */
const TRANSCRIPTION_BAND = { from: 5, to: 30 } as const;
const GENERATION_BAND = { from: 35, to: 90 } as const;
const STAGE_START: Record<JobStatus, number> = {
  awaiting_upload: 0,
  queued: 2,
  transcribing: TRANSCRIPTION_BAND.from,
  chunking: 32,
  generating_notes: GENERATION_BAND.from,
  merging: 93,
  completed: 100,
  failed: 0,
};

/** Progress when the job enters `status`. Undefined for `failed`: a failure keeps the bar where it stopped. */
export const progressOnEntering = (status: JobStatus): number | undefined =>
  status === 'failed' ? undefined : STAGE_START[status];

/** Transcription reports no progress; approach the end of its band as time passes (about 35 s for an hour of audio). */
export function transcriptionProgress(elapsedSeconds: number): number {
  const share = 1 - Math.exp(-Math.max(0, elapsedSeconds) / 30);
  return Math.floor(TRANSCRIPTION_BAND.from + (TRANSCRIPTION_BAND.to - 1 - TRANSCRIPTION_BAND.from) * share);
}

export function generationProgress(chunksDone: number, chunksTotal: number): number {
  if (chunksTotal <= 0) return GENERATION_BAND.from;
  const share = Math.min(1, Math.max(0, chunksDone / chunksTotal));
  return Math.floor(GENERATION_BAND.from + (GENERATION_BAND.to - GENERATION_BAND.from) * share);
}
