import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from 'openai';
import * as z from 'zod';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { TranscriptSchema } from '../../shared/contracts/transcript';
import { formatBytesApart } from '../../shared/domain/byte-sizes';
import { JobError } from '../../shared/domain/job-error';
import { speechToTextKey } from '../../shared/domain/object-keys';
import { VerboseTranscriptionSchema, transcriptOfVerboseJson } from '../../shared/domain/verbose-json-transcript';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { TranscriptionCheck, Transcriber } from '../../shared/ports/transcriber';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

export interface OpenAiCompatibleTranscriberOptions {
  /** A local server may take none; the SDK insists on one, so a placeholder is sent then. */
  apiKey?: string;
  /** The server's API root, ending in /v1. @default OpenAI's own endpoint */
  baseURL?: string;
  model: string;
  /** Where the server's answer waits for the check: the job's artifacts. */
  objects: ObjectStore;
  /** The largest recording sent (TRANSCRIPTION_MAX_BYTES). */
  maxAudioBytes: number;
  /** The whole transcription request: it must end before the submitting Lambda does. */
  requestTimeoutMs: number;
  /** Reading the recording from the bucket. */
  downloadTimeoutMs: number;
}

/** What the check reads back: the outcome of the one request. */
const StoredCheckSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('completed'), transcript: TranscriptSchema }),
  z.object({ state: z.literal('failed'), reason: z.string() }),
]);

const OPENAI_API = 'https://api.openai.com/v1';

/**
 * Any server that speaks OpenAI's `POST /v1/audio/transcriptions` (OpenAI's whisper-1,
 * faster-whisper-server / speaches, whisper.cpp's server, LocalAI). It answers in one request,
 * so `submit` sends the whole recording, waits for the transcript and keeps it under the job's
 * artifacts; `check` then answers at once. The transcript id is the job id.
 */
export class OpenAiCompatibleTranscriber implements Transcriber {
  readonly transcribesOnSubmit = true;
  private readonly client: OpenAI;
  private readonly server: string;

  constructor(private readonly options: OpenAiCompatibleTranscriberOptions) {
    // The SDK would retry a timed-out request inside the Lambda's time; the state machine retries instead (ProviderUnavailable).
    this.client = new OpenAI({ apiKey: options.apiKey ?? 'local', baseURL: options.baseURL ?? OPENAI_API, maxRetries: 0, timeout: options.requestTimeoutMs });
    this.server = `The speech-to-text server at ${this.client.baseURL}`;
  }

  async submit(audioUrl: string, jobId: string): Promise<{ transcriptId: string }> {
    const recording = await this.download(audioUrl);
    const answer = await this.transcribe(recording);
    const transcript = transcriptOfVerboseJson(answer);
    const outcome: TranscriptionCheck = transcript
      ? { state: 'completed', transcript }
      : { state: 'failed', reason: `${this.server} found no speech in the recording.` };
    await writeStoredJson(this.options.objects, speechToTextKey(jobId), outcome);
    return { transcriptId: jobId };
  }

  async check(transcriptId: string): Promise<TranscriptionCheck> {
    return readStoredJson(this.options.objects, speechToTextKey(transcriptId), StoredCheckSchema);
  }

  private async download(audioUrl: string): Promise<File> {
    const fileName = decodeURIComponent(new URL(audioUrl).pathname.split('/').pop() || 'recording');
    let response: Response;
    try {
      response = await fetch(audioUrl, { signal: AbortSignal.timeout(this.options.downloadTimeoutMs) });
    } catch (error) {
      throw new JobError('StorageUnavailable', `Could not read ${fileName} from the bucket to send it for transcription (${describeCause(error)}); retry the job in a few minutes.`, { cause: error });
    }
    if (!response.ok) {
      const reason = `HTTP ${response.status} ${response.statusText}`.trim();
      if (response.status >= 500 || response.status === 429) {
        throw new JobError('StorageUnavailable', `Could not read ${fileName} from the bucket (${reason}); retry the job in a few minutes.`);
      }
      throw new Error(`Could not read ${fileName} from the bucket to send it for transcription (${reason}).`);
    }
    // Refused before the body is read when the length is announced; counted after reading otherwise.
    this.checkSize(fileName, Number(response.headers.get('content-length') ?? 0));
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.checkSize(fileName, bytes.byteLength);
    return toFile(bytes, fileName, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
  }

  private checkSize(fileName: string, sizeBytes: number): void {
    if (sizeBytes <= this.options.maxAudioBytes) return;
    const [size, limit] = formatBytesApart(sizeBytes, this.options.maxAudioBytes);
    throw new JobError(
      'LectureTooLarge',
      `${fileName} is ${size}, and the speech-to-text server is sent at most ${limit} (TRANSCRIPTION_MAX_BYTES). Compress the recording (mono speech at 32–64 kbit/s keeps an hour under 25 MB), split it, or raise the limit for a server of your own.`,
    );
  }

  private async transcribe(file: File) {
    let answer: unknown;
    try {
      answer = await this.client.audio.transcriptions.create({
        file,
        model: this.options.model,
        response_format: 'verbose_json',
        timestamp_granularities: ['segment', 'word'],
      });
    } catch (error) {
      throw this.toJobError(error, file.name);
    }
    const parsed = VerboseTranscriptionSchema.safeParse(answer);
    if (!parsed.success) {
      throw new JobError(
        'ProviderRejected',
        `${this.server} did not answer with OpenAI's verbose_json (${describeIssues(parsed.error, 'the answer')}). Check that TRANSCRIPTION_BASE_URL names a server that speaks /v1/audio/transcriptions.`,
      );
    }
    return parsed.data;
  }

  private toJobError(error: unknown, fileName: string): unknown {
    if (!(error instanceof APIError)) return error;
    const options = { cause: error };
    const model = this.options.model;
    if (error instanceof APIConnectionTimeoutError) {
      const minutes = Math.round(this.options.requestTimeoutMs / 60_000);
      return new JobError(
        'TranscriptionTimedOut',
        `${this.server} did not finish transcribing ${fileName} within ${minutes} minutes, the most one request may take. Use a faster server or a smaller model (TRANSCRIPTION_MODEL), or upload a shorter recording.`,
        options,
      );
    }
    if (error instanceof APIConnectionError) {
      return new JobError(
        'ProviderUnavailable',
        `${this.server} could not be reached (${describeCause(error)}). Check that it is running and that TRANSCRIPTION_BASE_URL is right; the job can be retried.`,
        options,
      );
    }
    const said = `HTTP ${error.message}`;
    const status = error.status ?? 0;
    if (status === 408 || status === 429 || status >= 500) {
      return new JobError('ProviderUnavailable', `${this.server} is unavailable (${said}). This is usually temporary; the job can be retried.`, options);
    }
    if (status === 401 || status === 403) {
      return new JobError('ProviderRejected', `${this.server} rejected the API key (${said}). Set TRANSCRIPTION_API_KEY to a key it accepts.`, options);
    }
    if (status === 413) {
      return new JobError(
        'LectureTooLarge',
        `${this.server} refused ${fileName} as too large (${said}). Compress or split the recording, or set TRANSCRIPTION_MAX_BYTES to the server's limit so such files are refused at upload.`,
        options,
      );
    }
    if (status === 404) {
      return new JobError(
        'ProviderRejected',
        `${this.server} has no transcription endpoint or model ${model} (${said}). Check that TRANSCRIPTION_BASE_URL ends in /v1 and that TRANSCRIPTION_MODEL names a model it serves.`,
        options,
      );
    }
    // 400, 415, 422: the server read the request and could not use the audio or a parameter.
    return new JobError(
      'TranscriptionFailed',
      `${this.server} could not transcribe ${fileName} with model ${model} (${said}). It needs audio it can decode and a model that returns verbose_json with word timestamps.`,
      options,
    );
  }
}

/** Node's fetch says only "fetch failed", and the SDK wraps that again; the useful part (ECONNREFUSED, DNS) is at the end of the causes. */
function describeCause(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current instanceof Error && messages.length < 5; current = current.cause) messages.push(current.message);
  return messages.length > 0 ? messages.join(': ') : String(error);
}
