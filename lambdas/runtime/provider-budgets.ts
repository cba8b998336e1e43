/*
 * How long a provider may take, by the settings the adapters get. A step must
 * never be cut off by its Lambda's timeout in the middle of a provider call:
 * the worst case below stays under the timeouts in infra/function-registry.ts
 * (tests/infra/provider-budgets.test.ts holds them to it).
 */

/** The longest pause either SDK takes between two of its own retries. */
const BACKOFF_CAP_MS = 8_000;

export const OPENAI_BUDGET = { requestTimeoutMs: 40_000, sdkRetries: 2, malformedRetries: 1 } as const;
export const ASSEMBLYAI_BUDGET = { requestTimeoutMs: 20_000, retries: 2 } as const;
/**
 * A Whisper server answers one request with the whole transcript: a long recording on a CPU takes
 * minutes, so the request gets most of a 15-minute Lambda and no retry of its own (the state machine
 * retries an unavailable server). Reading the recording from the bucket comes first.
 */
export const OPENAI_TRANSCRIPTION_BUDGET = { downloadTimeoutMs: 60_000, requestTimeoutMs: 810_000 } as const;

const withRetries = (requestMs: number, retries: number) => (1 + retries) * requestMs + retries * BACKOFF_CAP_MS;

/** One chunk's notes: every malformed answer is asked again, each ask with the SDK's own retries. */
export const openAiWorstCaseMs = () =>
  (1 + OPENAI_BUDGET.malformedRetries) * withRetries(OPENAI_BUDGET.requestTimeoutMs, OPENAI_BUDGET.sdkRetries);

/** One submit or one check. */
export const assemblyAiWorstCaseMs = () => withRetries(ASSEMBLYAI_BUDGET.requestTimeoutMs, ASSEMBLYAI_BUDGET.retries);

/** Reading the recording, then the one transcription request. */
export const openAiTranscriptionWorstCaseMs = () => OPENAI_TRANSCRIPTION_BUDGET.downloadTimeoutMs + OPENAI_TRANSCRIPTION_BUDGET.requestTimeoutMs;
