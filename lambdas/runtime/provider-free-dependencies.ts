import { randomUUID } from 'node:crypto';
import type { JobMetrics } from '../../shared/ports/job-metrics';
import type { JobRepository } from '../../shared/ports/job-repository';
import type { ObjectStore } from '../../shared/ports/object-store';
import type { PipelineRuns } from '../../shared/ports/pipeline-runs';
import { createDynamoDbClient, createS3Client, createSfnClient } from '../adapters/aws-clients';
import { DynamoJobRepository } from '../adapters/dynamo-job-repository';
import { EmfJobMetrics } from '../adapters/emf-job-metrics';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { StepFunctionsRuns } from '../adapters/step-functions-runs';
import { UnrecordedJobMetrics } from '../adapters/unrecorded-job-metrics';
import { transcriptionConfigured, type RuntimeConfig } from './config';
import { metrics, tracer } from './powertools';

/**
 * What every handler may use short of the AI providers: the AWS services and
 * the settings. Composing only these keeps the provider SDKs and the language
 * model out of the functions that never call them (their bundles and cold starts).
 */
export interface ProviderFreeDependencies {
  jobs: JobRepository;
  objects: ObjectStore;
  /** The bucket `objects` works in, for the events that name it. */
  bucketName: string;
  runs: PipelineRuns;
  metrics: JobMetrics;
  /** Whether a speech-to-text provider is configured: without one, audio is refused up front. */
  transcriptionConfigured: boolean;
  /** For the cost estimate in status documents. */
  prices: RuntimeConfig['prices'];
  limits: RuntimeConfig['limits'];
  chunking: RuntimeConfig['chunking'];
  now: () => Date;
  newJobId: () => string;
}

export function composeProviderFree(config: RuntimeConfig): ProviderFreeDependencies {
  return {
    jobs: new DynamoJobRepository({ client: tracer.captureAWSv3Client(createDynamoDbClient(config.aws)), tableName: config.jobsTable }),
    objects: new S3ObjectStore({ client: tracer.captureAWSv3Client(createS3Client(config.aws)), bucket: config.bucketName }),
    bucketName: config.bucketName,
    runs: new StepFunctionsRuns({ client: tracer.captureAWSv3Client(createSfnClient(config.aws)), stateMachineArn: config.stateMachineArn }),
    metrics: config.metricsEnabled ? new EmfJobMetrics(metrics) : new UnrecordedJobMetrics(),
    transcriptionConfigured: transcriptionConfigured(config.transcription),
    prices: config.prices,
    limits: config.limits,
    chunking: config.chunking,
    now: () => new Date(),
    newJobId: randomUUID,
  };
}
