/*
 * Step Functions' hard quotas for a Standard workflow, and how many history
 * events each kind of step writes. The local runtime enforces the quotas with
 * these figures (infra/local/step-functions-endpoint.ts), and
 * tests/infra/pipeline-quotas.test.ts works out from the exported ASL that the
 * job size limits (shared/domain/job-limits.ts) keep a run within them.
 */

/** Each state's input and output, and each task's result, as UTF-8 JSON. */
export const PAYLOAD_LIMIT_BYTES = 256 * 1024;
/** Events in one execution's history; the run fails when it would need more. */
export const HISTORY_LIMIT_EVENTS = 25_000;

/** The events the service records, as its execution history lists them. */
export const HISTORY_EVENTS = {
  /** ExecutionStarted, and ExecutionSucceeded or ExecutionFailed. */
  execution: 2,
  /** TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, TaskStateExited. */
  task: 5,
  /** Each retry: LambdaFunctionFailed (or TimedOut), then LambdaFunctionScheduled and LambdaFunctionStarted again. */
  taskRetry: 3,
  /** MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited. */
  map: 4,
  /** MapIterationStarted, MapIterationSucceeded. */
  mapIteration: 2,
  /** Choice, Wait, Pass, Succeed, Fail: entered and exited. */
  otherState: 2,
} as const;

export const payloadBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');

/** As the service reports an oversized payload: the name Retry and Catch match on, and its wording. */
export function dataLimitExceeded(what: string, bytes: number): Error {
  const error = new Error(`${what} has a size of ${bytes} bytes, exceeding the maximum number of bytes service limit (${PAYLOAD_LIMIT_BYTES}).`);
  error.name = 'States.DataLimitExceeded';
  return error;
}
