import * as z from 'zod';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { DEFAULT_CHUNKING } from '../../shared/domain/chunking';
import { DEFAULT_JOB_SIZE_LIMITS, MAX_CHUNKS_CEILING, type JobSizeLimits } from '../../shared/domain/job-limits';
import { DEFAULT_COST_RATES, type CostRates } from '../../shared/domain/job-cost';
import { PROVIDER_RATES } from '../../shared/domain/provider-rates';
import type { AwsClientSettings } from '../adapters/aws-clients';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** What OpenAI's hosted endpoint takes in one request ("File uploads are limited to 25 MB"; its error counts 26214400 bytes). */
const OPENAI_HOSTED_MAX_BYTES = 25 * 1024 ** 2;
/** The submit function has 1 GiB (infra/function-registry.ts): the recording, its file and the request body made of it must all fit. */
const MAX_BUFFERED_AUDIO_BYTES = 200 * 1024 ** 2;
/** Whisper servers answer to any model name or to this one (LocalAI and faster-whisper-server configurations use it too). */
const DEFAULT_WHISPER_MODEL = 'whisper-1';

/** Every setting a handler can see, read from the environment a Lambda (or the local runtime) gets. */
const EnvironmentSchema = z.object({
  AWS_REGION: z.string().default('us-east-1'),
  BUCKET_NAME: z.string().min(1, 'BUCKET_NAME names the bucket for uploads and artifacts'),
  JOBS_TABLE: z.string().min(1, 'JOBS_TABLE names the DynamoDB table of jobs'),
  /** Only the functions that start pipeline runs get it. */
  STATE_MACHINE_ARN: optionalText,
  /** Only the function that replays undelivered uploads gets it. */
  UNDELIVERED_UPLOADS_QUEUE_URL: optionalText,
  /** Who transcribes audio: AssemblyAI, or any server that speaks OpenAI's `POST /v1/audio/transcriptions`. */
  TRANSCRIPTION_PROVIDER: z.enum(['assemblyai', 'openai']).default('assemblyai'),
  ASSEMBLYAI_API_KEY: optionalText,
  /** In AWS the keys live in Secrets Manager: the functions get the secrets' ARNs, never the keys. */
  ASSEMBLYAI_SECRET_ARN: optionalText,
  /** For TRANSCRIPTION_PROVIDER=openai: the server (OpenAI itself when unset), its key (optional for a local server) and model. */
  TRANSCRIPTION_BASE_URL: optionalText,
  TRANSCRIPTION_API_KEY: optionalText,
  TRANSCRIPTION_SECRET_ARN: optionalText,
  TRANSCRIPTION_MODEL: optionalText,
  /** The recording is sent whole and held in memory on the way: OpenAI takes 25 MiB, a server of your own what it is set to. */
  TRANSCRIPTION_MAX_BYTES: positiveInt(OPENAI_HOSTED_MAX_BYTES).pipe(
    z.number().max(MAX_BUFFERED_AUDIO_BYTES, `TRANSCRIPTION_MAX_BYTES is at most ${MAX_BUFFERED_AUDIO_BYTES}: the recording is held in the function's memory`),
  ),
  OPENAI_SECRET_ARN: optionalText,
  ASSEMBLYAI_BASE_URL: optionalText,
  /** Sent as AssemblyAI's `speech_models`; the default is the model the transcription price is for. */
  ASSEMBLYAI_SPEECH_MODEL: optionalText.transform((model) => model ?? PROVIDER_RATES.transcription.speechModel),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText,
  OPENAI_MODEL: z.string().default(PROVIDER_RATES.notes.model),
  /** How hard a reasoning model thinks per chunk; empty for a model or server that takes no such setting. */
  OPENAI_REASONING_EFFORT: z
    .enum(['', 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])
    .default(PROVIDER_RATES.notes.reasoningEffort)
    .transform((effort) => effort || undefined),
  NOTES_ENGINE: z.enum(['auto', 'openai', 'offline']).default('auto'),
  /** S3 takes at most 5 GiB in one POST. */
  MAX_UPLOAD_BYTES: positiveInt(2 * 1024 ** 3).pipe(z.number().max(5 * 1024 ** 3, 'MAX_UPLOAD_BYTES is at most 5 GiB, the most S3 takes in one upload')),
  /** Upload forms live at most 15 minutes. */
  UPLOAD_URL_SECONDS: positiveInt(900).pipe(z.number().max(900, 'UPLOAD_URL_SECONDS is at most 900')),
  /** The provider may queue before it fetches the audio: its URL must outlive the queue. */
  AUDIO_URL_SECONDS: positiveInt(6 * 3600),
  TRANSCRIPTION_MAX_WAIT_SECONDS: positiveInt(30 * 60),
  /** How long a job's record is kept (its artifacts follow the bucket's lifecycle). */
  JOB_RETENTION_DAYS: positiveInt(90),
  /* How much one job may produce: Step Functions' payload and history quotas bound it (shared/domain/job-limits.ts). */
  MAX_LECTURE_SECONDS: positiveInt(DEFAULT_JOB_SIZE_LIMITS.maxLectureSeconds),
  MAX_TRANSCRIPT_WORDS: positiveInt(DEFAULT_JOB_SIZE_LIMITS.maxTranscriptWords),
  MAX_CHUNKS: positiveInt(DEFAULT_JOB_SIZE_LIMITS.maxChunks).pipe(
    z.number().max(MAX_CHUNKS_CEILING, `MAX_CHUNKS is at most ${MAX_CHUNKS_CEILING}: more would not fit a run's 25,000-event history`),
  ),
  CHUNK_MAX_TOKENS: positiveInt(DEFAULT_CHUNKING.maxTokens),
  CHUNK_OVERLAP_SENTENCES: z.coerce.number().int().nonnegative().default(DEFAULT_CHUNKING.overlapSentences),
  /* The providers' rates for the cost ledger, list prices from the one dated file (shared/domain/provider-rates.ts) unless a plan's are set. */
  /** By default the provider's list price: AssemblyAI's, OpenAI's whisper-1 on its own endpoint, nothing for a server of your own. */
  PRICE_TRANSCRIPTION_PER_HOUR_USD: z.coerce.number().nonnegative().optional(),
  PRICE_INPUT_PER_MILLION_TOKENS_USD: z.coerce.number().nonnegative().default(DEFAULT_COST_RATES.inputPerMillionTokensUsd),
  PRICE_CACHED_INPUT_PER_MILLION_TOKENS_USD: z.coerce.number().nonnegative().default(DEFAULT_COST_RATES.cachedInputPerMillionTokensUsd),
  PRICE_OUTPUT_PER_MILLION_TOKENS_USD: z.coerce.number().nonnegative().default(DEFAULT_COST_RATES.outputPerMillionTokensUsd),
  POWERTOOLS_METRICS_DISABLED: z.enum(['true', 'false', '']).default('false'),
});

export interface RuntimeConfig {
  bucketName: string;
  jobsTable: string;
  stateMachineArn?: string;
  undeliveredUploadsQueueUrl?: string;
  aws: AwsClientSettings;
  /**
   * The speech-to-text provider. For `openai` the key, secret, base URL and model are the TRANSCRIPTION_* settings,
   * for `assemblyai` the ASSEMBLYAI_* ones.
   */
  transcription: {
    provider: 'assemblyai' | 'openai';
    apiKey?: string;
    secretArn?: string;
    baseUrl?: string;
    speechModel: string;
  };
  /** `auto` uses OpenAI when a key or a base URL is set, the offline engine otherwise. */
  notes: {
    engine: 'auto' | 'openai' | 'offline';
    apiKey?: string;
    secretArn?: string;
    baseUrl?: string;
    model: string;
    /** Sent as `reasoning_effort` when set. */
    reasoningEffort?: Exclude<z.infer<typeof EnvironmentSchema>['OPENAI_REASONING_EFFORT'], undefined>;
  };
  metricsEnabled: boolean;
  prices: CostRates;
  limits: JobSizeLimits & {
    maxUploadBytes: number;
    /** The largest recording the provider takes, when the recording is sent to it (AssemblyAI fetches it by URL: no limit here). */
    maxAudioBytes?: number;
    uploadUrlSeconds: number;
    audioUrlSeconds: number;
    transcriptionMaxWaitSeconds: number;
    jobRetentionDays: number;
  };
  chunking: { maxTokens: number; overlapSentences: number };
}

function listTranscriptionPrice(env: z.infer<typeof EnvironmentSchema>): number {
  if (env.TRANSCRIPTION_PROVIDER === 'assemblyai') return PROVIDER_RATES.transcription.perHourUsd;
  return env.TRANSCRIPTION_BASE_URL ? 0 : PROVIDER_RATES.hostedWhisper.perHourUsd;
}

export function configFromEnvironment(environment: NodeJS.ProcessEnv, aws: Partial<AwsClientSettings> = {}): RuntimeConfig {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new Error(`The function's configuration is incomplete: ${describeIssues(parsed.error, 'the environment')}`);
  }
  const env = parsed.data;
  return {
    bucketName: env.BUCKET_NAME,
    jobsTable: env.JOBS_TABLE,
    stateMachineArn: env.STATE_MACHINE_ARN,
    undeliveredUploadsQueueUrl: env.UNDELIVERED_UPLOADS_QUEUE_URL,
    aws: { region: env.AWS_REGION, ...aws },
    transcription:
      env.TRANSCRIPTION_PROVIDER === 'openai'
        ? {
            provider: 'openai',
            apiKey: env.TRANSCRIPTION_API_KEY,
            secretArn: env.TRANSCRIPTION_SECRET_ARN,
            baseUrl: env.TRANSCRIPTION_BASE_URL,
            speechModel: env.TRANSCRIPTION_MODEL ?? DEFAULT_WHISPER_MODEL,
          }
        : {
            provider: 'assemblyai',
            apiKey: env.ASSEMBLYAI_API_KEY,
            secretArn: env.ASSEMBLYAI_SECRET_ARN,
            baseUrl: env.ASSEMBLYAI_BASE_URL,
            speechModel: env.ASSEMBLYAI_SPEECH_MODEL,
          },
    notes: { engine: env.NOTES_ENGINE, apiKey: env.OPENAI_API_KEY, secretArn: env.OPENAI_SECRET_ARN, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, reasoningEffort: env.OPENAI_REASONING_EFFORT },
    metricsEnabled: env.POWERTOOLS_METRICS_DISABLED !== 'true',
    prices: {
      ...DEFAULT_COST_RATES,
      transcriptionPerHourUsd: env.PRICE_TRANSCRIPTION_PER_HOUR_USD ?? listTranscriptionPrice(env),
      inputPerMillionTokensUsd: env.PRICE_INPUT_PER_MILLION_TOKENS_USD,
      cachedInputPerMillionTokensUsd: env.PRICE_CACHED_INPUT_PER_MILLION_TOKENS_USD,
      outputPerMillionTokensUsd: env.PRICE_OUTPUT_PER_MILLION_TOKENS_USD,
    },
    limits: {
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      ...(env.TRANSCRIPTION_PROVIDER === 'openai' ? { maxAudioBytes: env.TRANSCRIPTION_MAX_BYTES } : {}),
      uploadUrlSeconds: env.UPLOAD_URL_SECONDS,
      audioUrlSeconds: env.AUDIO_URL_SECONDS,
      transcriptionMaxWaitSeconds: env.TRANSCRIPTION_MAX_WAIT_SECONDS,
      jobRetentionDays: env.JOB_RETENTION_DAYS,
      maxLectureSeconds: env.MAX_LECTURE_SECONDS,
      maxTranscriptWords: env.MAX_TRANSCRIPT_WORDS,
      maxChunks: env.MAX_CHUNKS,
    },
    chunking: { maxTokens: env.CHUNK_MAX_TOKENS, overlapSentences: env.CHUNK_OVERLAP_SENTENCES },
  };
}

/**
 * Whether audio can be transcribed: AssemblyAI needs its key; an OpenAI-compatible server needs an
 * address or a key (a key alone means OpenAI's own endpoint, a local server may take no key).
 */
export const transcriptionConfigured = (transcription: RuntimeConfig['transcription']): boolean =>
  Boolean(transcription.apiKey || (transcription.provider === 'openai' && transcription.baseUrl));
