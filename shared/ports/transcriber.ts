import type { Transcript } from '../contracts/transcript';

export type TranscriptionCheck =
  | { state: 'processing' }
  | { state: 'completed'; transcript: Transcript }
  | { state: 'failed'; reason: string };

/**
 * Speech to text, as a submit-then-check service (nothing waits inside a Lambda for a queue).
 * A provider that answers in one request does the work in `submit`, keeps the answer under the
 * job's artifacts, and answers `check` at once.
 */
export interface Transcriber {
  /** True for a provider that transcribes during `submit` (minutes, for a long recording). @default false */
  readonly transcribesOnSubmit?: boolean;
  /** `audioUrl` must stay readable for hours: the provider may fetch it after queueing. */
  submit(audioUrl: string, jobId: string): Promise<{ transcriptId: string }>;
  check(transcriptId: string): Promise<TranscriptionCheck>;
}
