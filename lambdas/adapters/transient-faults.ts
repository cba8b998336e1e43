import { JobError } from '../../shared/domain/job-error';

/*
 * Which storage and network failures pass on their own. The SDK already
 * retried these (TimeoutError, connection resets, 5xx, throttling) up to its
 * maxAttempts; if they still fail, the adapters give them one name,
 * StorageUnavailable, which the state machine retries a few more times with
 * backoff (infra/constructs/notes-pipeline-definition.ts). Anything else
 * (access denied, a missing key, a bad request) keeps its own name and fails
 * the step at once.
 */

/** As the SDK's own classification (@smithy service-error-classification) counts them, plus the throttling names S3 and DynamoDB use. */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  cause?: unknown;
}

export function isTransientFault(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const fault = error as SdkLikeError;
  const status = fault.$metadata?.httpStatusCode ?? 0;
  if (status >= 500 || status === 429) return true;
  if (fault.name && TRANSIENT_NAMES.has(fault.name)) return true;
  if (fault.code && TRANSIENT_CODES.has(fault.code)) return true;
  if (typeof fault.message === 'string' && /socket hang up/i.test(fault.message)) return true;
  // Node's fetch and some handlers wrap the socket error.
  return fault.cause !== error && fault.cause !== undefined && isTransientFault(fault.cause);
}

/**
 * The error an adapter throws for a failed call: `what` says what it tried,
 * the name is what Retry and Catch match on (StorageUnavailable for a passing
 * fault, the SDK's own name otherwise), and the cause is kept.
 */
export function storageFailure(what: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (isTransientFault(cause)) {
    const attempts = (cause as SdkLikeError).$metadata?.attempts;
    const tried = attempts ? ` (${attempts} attempts)` : '';
    return new JobError('StorageUnavailable', `${what}: ${reason}${tried}. Storage was busy or out of reach; retry the job in a few minutes.`, { cause });
  }
  const error = new Error(`${what}: ${reason}`, { cause });
  if (cause instanceof Error) error.name = cause.name;
  return error;
}
