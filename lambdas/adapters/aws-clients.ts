import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { dynamoRequestCounter, s3RequestCounter } from './aws-request-tally';

/** Where the AWS clients point: the real services, or local stand-ins when endpoints are given. */
export interface AwsClientSettings {
  region: string;
  endpoints?: { s3?: string; dynamodb?: string; sfn?: string };
  /** Stand-ins serve buckets under the path, not as subdomains. */
  s3ForcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/* A stuck call must fail while the Lambda still has time to report it. The
   request timeout runs from the start of an attempt to the response headers
   (connecting included), so three attempts and their backoff stay under the
   29 s API Gateway integration limit, and far under the pipeline's step
   timeouts. The SDK retries timeouts, resets, throttling and 5xx itself;
   what still fails is named StorageUnavailable by the adapters
   (transient-faults.ts) and retried by the state machine. */
const MAX_ATTEMPTS = 3;
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 8_000;

function commonConfig(settings: AwsClientSettings, endpoint: string | undefined) {
  return {
    region: settings.region,
    endpoint,
    credentials: settings.credentials,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
}

/* Both count the requests an invocation makes, for its job's cost ledger (aws-request-tally.ts). */

export function createS3Client(settings: AwsClientSettings): S3Client {
  const client = new S3Client({
    ...commonConfig(settings, settings.endpoints?.s3),
    forcePathStyle: settings.s3ForcePathStyle,
    // By default the SDK adds checksums to what it signs, presigned URLs
    // included, where a checksum of an empty body makes S3 refuse the real file.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  client.middlewareStack.use(s3RequestCounter());
  return client;
}

export function createDynamoDbClient(settings: AwsClientSettings): DynamoDBClient {
  const client = new DynamoDBClient(commonConfig(settings, settings.endpoints?.dynamodb));
  client.middlewareStack.use(dynamoRequestCounter());
  return client;
}

export const createSfnClient = (settings: AwsClientSettings) => new SFNClient(commonConfig(settings, settings.endpoints?.sfn));

/* Only the replay of undelivered uploads reads a queue, and only in AWS: the local runtime has no dead-letter queue. */
export const createSqsClient = (settings: AwsClientSettings) => new SQSClient(commonConfig(settings, undefined));
