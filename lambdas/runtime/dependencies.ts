import { randomUUID } from 'node:crypto';
import type { JobMetrics } from '../../shared/ports/job-metrics';
import type { JobRepository } from '../../shared/ports/job-repository';
import type { NotesGenerator } from '../../shared/ports/notes-generator';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { PipelineRuns } from '../../shared/ports/pipeline-runs';
import type { Transcriber } from '../../shared/ports/transcriber';
import { AssemblyAiTranscriber } from '../adapters/assemblyai-transcriber';
import { createDynamoDbClient, createS3Client, createSfnClient } from '../adapters/aws-clients';
import { DynamoJobRepository } from '../adapters/dynamo-job-repository';
import { EmfJobMetrics } from '../adapters/emf-job-metrics';
import { OfflineNotesGenerator } from '../adapters/offline-notes/offline-notes-generator';
import { OpenAiNotesGenerator } from '../adapters/openai-notes-generator';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { StepFunctionsRuns } from '../adapters/step-functions-runs';
import { UnrecordedJobMetrics } from '../adapters/unrecorded-job-metrics';
import type { RuntimeConfig } from './config';
import { metrics, tracer } from './powertools';
import { ASSEMBLYAI_BUDGET, OPENAI_BUDGET } from './provider-budgets';

/** Everything a handler may use. Handlers declare the part they need with `Pick`. */
export interface Dependencies {
  jobs: JobRepository;
  objects: ObjectStore;
  /** The bucket `objects` works in, for the events that name it. */
  bucketName: string;
  runs: PipelineRuns;
  /** Undefined when no speech-to-text provider is configured: audio jobs then fail fast, captions still work. */
  transcriber: Transcriber | undefined;
  notes: NotesGenerator;
  metrics: JobMetrics;
  limits: RuntimeConfig['limits'];
  chunking: RuntimeConfig['chunking'];
  now: () => Date;
  newJobId: () => string;
}

function notesGeneratorFor(notes: RuntimeConfig['notes']): NotesGenerator {
  const reachable = Boolean(notes.apiKey || notes.baseUrl);
  if (notes.engine === 'offline' || (notes.engine === 'auto' && !reachable)) return new OfflineNotesGenerator();
  if (!reachable) {
    throw new Error('NOTES_ENGINE is openai but OPENAI_API_KEY is not set (or set OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  // Local OpenAI-compatible servers (Ollama, vLLM) take any key; the SDK insists on one.
  return new OpenAiNotesGenerator({
    apiKey: notes.apiKey ?? 'local',
    baseURL: notes.baseUrl,
    model: notes.model,
    timeoutMs: OPENAI_BUDGET.requestTimeoutMs,
    maxRetries: OPENAI_BUDGET.sdkRetries,
    malformedRetries: OPENAI_BUDGET.malformedRetries,
  });
}

/** The one place where ports meet their adapters, in AWS and in the local runtime alike. */
export function composeDependencies(config: RuntimeConfig): Dependencies {
  const { transcription } = config;
  return {
    jobs: new DynamoJobRepository({ client: tracer.captureAWSv3Client(createDynamoDbClient(config.aws)), tableName: config.jobsTable }),
    objects: new S3ObjectStore({ client: tracer.captureAWSv3Client(createS3Client(config.aws)), bucket: config.bucketName }),
    bucketName: config.bucketName,
    runs: new StepFunctionsRuns({ client: tracer.captureAWSv3Client(createSfnClient(config.aws)), stateMachineArn: config.stateMachineArn }),
    transcriber: transcription.apiKey
      ? new AssemblyAiTranscriber({
          apiKey: transcription.apiKey,
          baseUrl: transcription.baseUrl,
          speechModel: transcription.speechModel,
          requestTimeoutMs: ASSEMBLYAI_BUDGET.requestTimeoutMs,
          retries: ASSEMBLYAI_BUDGET.retries,
        })
      : undefined,
    notes: notesGeneratorFor(config.notes),
    metrics: config.metricsEnabled ? new EmfJobMetrics(metrics) : new UnrecordedJobMetrics(),
    limits: config.limits,
    chunking: config.chunking,
    now: () => new Date(),
    newJobId: randomUUID,
  };
}
