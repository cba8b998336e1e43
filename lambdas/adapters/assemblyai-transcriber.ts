import { setTimeout as delay } from 'node:timers/promises';
import {
  FileService,
  TranscriptService,
  type BaseServiceParams,
  type SubmitParams,
  type Transcript as AssemblyAiTranscript,
} from 'assemblyai';
import type { Transcript } from '../../shared/contracts/transcript';
import { assemblyAiSegments } from '../../shared/domain/assemblyai-words';
import { JobError } from '../../shared/domain/job-error';
import type { TranscriptionCheck, Transcriber } from '../../shared/ports/transcriber';

export interface AssemblyAiTranscriberOptions {
  apiKey: string;
  /** @default 'https://api.assemblyai.com' */
  baseUrl?: string;
  /** Sent as `speech_models: [speechModel]`, always: AssemblyAI's documentation has called the field required. */
  speechModel: string;
  /** Per request, kept well below the Lambda timeout. @default 20_000 */
  requestTimeoutMs?: number;
  /** Further attempts after a 429, 5xx, network error or timeout. @default 2 */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_BASE_URL = 'https://api.assemblyai.com';
const FIRST_BACKOFF_MS = 500;
/** A longer wait than this (say, a Retry-After of a minute) is better spent by Step Functions than inside a Lambda. */
const MAX_BACKOFF_MS = 8_000;

type RequestFault =
  | { kind: 'http'; status: number; providerMessage: string; retryAfterMs?: number }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; detail: string };

class AssemblyAiRequestError extends Error {
  constructor(
    readonly fault: RequestFault,
    options?: { cause?: unknown },
  ) {
    super(describeFault(fault), options);
  }
}

/**
 * The SDK turns every failed response into a bare `Error(message)` and uses no
 * timeout. Both requests we make go through `fetchJson`, so this override keeps
 * the status and Retry-After, and bounds each request (body included) in time.
 */
class FaultAwareTranscriptService extends TranscriptService {
  constructor(
    params: BaseServiceParams,
    private readonly requestTimeoutMs: number,
  ) {
    super(params, new FileService(params));
  }

  protected override async fetchJson<T>(input: string, init?: RequestInit): Promise<T> {
    const signal = AbortSignal.timeout(this.requestTimeoutMs);
    const failure = (cause: unknown): AssemblyAiRequestError =>
      new AssemblyAiRequestError(
        signal.aborted
          ? { kind: 'timeout', timeoutMs: this.requestTimeoutMs }
          : { kind: 'network', detail: describeNetworkError(cause) },
        { cause },
      );

    let response: Response;
    try {
      response = await this.fetchResponse(input, { ...init, signal });
    } catch (cause) {
      throw failure(cause);
    }
    if (response.status >= 400) {
      throw new AssemblyAiRequestError({
        kind: 'http',
        status: response.status,
        providerMessage: await readProviderMessage(response),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    try {
      return (await response.json()) as T;
    } catch (cause) {
      throw failure(cause);
    }
  }
}

/** AssemblyAI's asynchronous speech-to-text: submit once, then check until it is done. */
export class AssemblyAiTranscriber implements Transcriber {
  private readonly transcripts: TranscriptService;
  private readonly speechModel: string;
  private readonly retries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: AssemblyAiTranscriberOptions) {
    this.transcripts = new FaultAwareTranscriptService(
      { apiKey: options.apiKey, baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '') },
      options.requestTimeoutMs ?? 20_000,
    );
    this.speechModel = options.speechModel;
    this.retries = options.retries ?? 2;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  async submit(audioUrl: string): Promise<{ transcriptId: string }> {
    const params: SubmitParams = {
      audio_url: audioUrl,
      punctuate: true,
      format_text: true,
      // Lectures come in many languages; without detection AssemblyAI assumes US English. The detected code comes back as `language_code`.
      language_detection: true,
      speech_models: [this.speechModel],
    };
    // A retried submit after a timeout may queue a second transcript; only the id we get back is used.
    const queued = await this.withRetries('submit the recording', () => this.transcripts.submit(params));
    return { transcriptId: queued.id };
  }

  async check(transcriptId: string): Promise<TranscriptionCheck> {
    const transcript = await this.withRetries(`fetch transcript ${transcriptId}`, () =>
      this.transcripts.get(transcriptId),
    );
    switch (transcript.status) {
      case 'queued':
      case 'processing':
        return { state: 'processing' };
      case 'error':
        return { state: 'failed', reason: transcript.error || 'AssemblyAI reported an error without a message.' };
      case 'completed':
        return toCompletedCheck(transcript);
    }
  }

  private async withRetries<T>(action: string, request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (!(error instanceof AssemblyAiRequestError)) throw error;
        const waitMs = isRetryable(error.fault) ? backoffMs(attempt, error.fault) : undefined;
        if (waitMs === undefined || attempt > this.retries || waitMs > MAX_BACKOFF_MS) {
          throw toJobError(error, action, attempt);
        }
        await this.sleep(waitMs);
      }
    }
  }
}

const isRetryable = (fault: RequestFault): boolean =>
  fault.kind !== 'http' || fault.status === 408 || fault.status === 429 || fault.status >= 500;

/** Exponential backoff with full jitter, unless the provider said how long to wait. */
const backoffMs = (attempt: number, fault: RequestFault): number =>
  fault.kind === 'http' && fault.retryAfterMs !== undefined
    ? fault.retryAfterMs
    : Math.random() * Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));

function toJobError(error: AssemblyAiRequestError, action: string, attempts: number): JobError {
  const { fault } = error;
  const options = { cause: error };
  if (isRetryable(fault)) {
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    return new JobError(
      'ProviderUnavailable',
      `AssemblyAI is unavailable: could not ${action} (${error.message}, ${tries}). This is usually temporary; the job can be retried.`,
      options,
    );
  }
  if (fault.kind === 'http' && (fault.status === 401 || fault.status === 403)) {
    return new JobError(
      'ProviderRejected',
      `AssemblyAI rejected the API key (${error.message}). Set ASSEMBLYAI_API_KEY to a valid key from the AssemblyAI dashboard.`,
      options,
    );
  }
  return new JobError('ProviderRejected', `AssemblyAI refused to ${action} (${error.message})`, options);
}

function describeFault(fault: RequestFault): string {
  switch (fault.kind) {
    case 'http':
      return `HTTP ${fault.status}: ${fault.providerMessage}`;
    case 'timeout':
      return `no answer within ${fault.timeoutMs} ms`;
    case 'network':
      return `network error: ${fault.detail}`;
  }
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, DNS) is in the cause. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** AssemblyAI answers errors as `{ "error": "..." }`; anything else is passed on as text. */
async function readProviderMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: a proxy or load balancer page.
  }
  return text.trim() || response.statusText || 'no message';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function toCompletedCheck(transcript: AssemblyAiTranscript): TranscriptionCheck {
  const { words, segments } = assemblyAiSegments(transcript.words ?? []);
  const text = transcript.text?.trim() ?? '';
  if (words.length === 0 && !text) {
    return { state: 'failed', reason: 'AssemblyAI found no speech in the recording.' };
  }
  const lastWordEnd = words.at(-1)?.end ?? 0;
  const durationSeconds = transcript.audio_duration ?? lastWordEnd;
  const result: Transcript = {
    source: 'assemblyai',
    ...(transcript.language_code ? { language: transcript.language_code } : {}),
    durationSeconds,
    segments: words.length > 0 ? segments : [{ start: 0, end: durationSeconds, text }],
    words,
  };
  return { state: 'completed', transcript: result };
}
