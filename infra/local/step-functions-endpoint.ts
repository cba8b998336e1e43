import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import { RUN_END_STATUSES, RUN_STATUS_CHANGE_DETAIL_TYPE, type RunEndStatus, type RunStatusChangeEvent } from '../../shared/contracts/run-status-event';
import { logger } from '../../lambdas/runtime/powertools';
import type { StateMachineDefinition } from '../pipeline-asl';
import { dataLimitExceeded, HISTORY_EVENTS, HISTORY_LIMIT_EVENTS, PAYLOAD_LIMIT_BYTES, payloadBytes } from '../step-functions-quotas';
import { readBody, startHttpServer, type RunningServer } from './http-server';
import type { JsonValue, LocalFunction } from './lambda-stand-in';

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEntry {
  type: string;
  state?: string;
  error?: string;
}

interface Execution {
  executionArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEntry[];
  done: Promise<void>;
  abort(): void;
  /** Events the service would have recorded so far, counted as it counts them. */
  historyEvents: number;
  /** Set when the run broke a quota the interpreter does not know: the run is stopped and ends FAILED with this. */
  quotaFailure?: { error: string; cause: string };
}

/** What the interpreter reports of a run, in the shape this endpoint reads. */
type InterpreterEvent = { type: string; state?: { name: string; type: string; input?: unknown; output?: unknown } };

export interface StepFunctionsEndpointOptions {
  definition: StateMachineDefinition;
  stateMachineName: string;
  functions: Record<string, LocalFunction>;
  /** Wait state durations in milliseconds, by state name: tests make the transcription loop fast. */
  waitOverrides?: Record<string, number>;
  /** Retry pauses in milliseconds, by state name. */
  retryOverrides?: Record<string, number>;
  /**
   * Told when an execution ends FAILED, TIMED_OUT or ABORTED, with the event EventBridge's run-end rule
   * delivers in AWS. A listener that throws is logged: in AWS the event would go to the rule's dead-letter queue.
   */
  onRunEnded?: (event: RunStatusChangeEvent) => Promise<unknown>;
  port?: number;
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
/** AWS keeps a name for 90 days; here a bounded number of closed executions is remembered. */
const REMEMBERED_EXECUTIONS = 5_000;
const HISTORY_LIMIT = 1_000;

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Step Functions' rules for execution names. */
function checkExecutionName(name: string) {
  const invalid =
    name.length < 1 ||
    name.length > 80 ||
    /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u.test(name) ||
    // Control characters are not allowed either.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f]/u.test(name);
  if (invalid) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
}

const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

/** How many events of the service's history one of the interpreter's events stands for (see HISTORY_EVENTS). */
function historyEventsOf(event: InterpreterEvent): number {
  const kind = event.state?.type;
  switch (event.type) {
    case 'StateEntered':
      // A task's entry is also its function's scheduling and start.
      return kind === 'Task' ? HISTORY_EVENTS.task - 2 : kind === 'Map' ? HISTORY_EVENTS.map / 2 : HISTORY_EVENTS.otherState / 2;
    case 'StateExited':
      return kind === 'Task' ? 2 : kind === 'Map' ? HISTORY_EVENTS.map / 2 : HISTORY_EVENTS.otherState / 2;
    case 'StateRetried':
      return HISTORY_EVENTS.taskRetry;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return HISTORY_EVENTS.mapIteration / 2;
    default:
      // Execution started or ended, a state failed or caught: one event each.
      return 1;
  }
}

/**
 * A Step Functions endpoint for one state machine, backed by
 * aws-local-stepfunctions. It speaks the service's JSON protocol for
 * StartExecution and DescribeExecution, so callers use @aws-sdk/client-sfn
 * unchanged, and it keeps the service's rules: name syntax, and a repeated
 * name starting nothing.
 */
export class StepFunctionsEndpoint {
  readonly stateMachineArn: string;
  private readonly machine: StateMachine;
  private readonly executions = new Map<string, Execution>();
  private server?: RunningServer;
  /** Set by stop: a run started now could not finish, so none starts. */
  private stopping = false;

  constructor(private readonly options: StepFunctionsEndpointOptions) {
    this.stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${options.stateMachineName}`;
    this.machine = new StateMachine(options.definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
  }

  async start(): Promise<string> {
    this.server = await startHttpServer(this.options.port ?? 0, (request, response) => this.serve(request, response));
    return this.server.url;
  }

  /**
   * Gives running executions up to `drainMs` to end, aborts the rest, then
   * closes the endpoint. An aborted execution stops between states and runs no
   * Catch, so its job stays as far as it got, for the next start to resume.
   */
  async stop({ drainMs = 0 }: { drainMs?: number } = {}): Promise<void> {
    this.stopping = true;
    const running = [...this.executions.values()].filter((execution) => execution.status === 'RUNNING');
    let timer: NodeJS.Timeout | undefined;
    const drained = Promise.allSettled(running.map((execution) => execution.done));
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
    for (const execution of running) if (execution.status === 'RUNNING') execution.abort();
    await drained;
    // Closed once, however often stop is called.
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  /** Whether the execution of this name is still running. */
  isRunning(name: string): boolean {
    return [...this.executions.values()].some((execution) => execution.name === name && execution.status === 'RUNNING');
  }

  /** What happened in an execution, in order: for tests that assert on the run itself. */
  history(executionArn: string): readonly HistoryEntry[] {
    return this.executions.get(executionArn)?.history ?? [];
  }

  executionArns(): string[] {
    return [...this.executions.keys()];
  }

  private async serve(request: IncomingMessage, response: ServerResponse) {
    const target = String(request.headers['x-amz-target'] ?? '');
    const body = await readBody(request, 1024 * 1024);
    try {
      const payload = JSON.parse(body?.toString('utf8') || '{}') as Record<string, unknown>;
      const result = this.dispatch(target.replace(/^AWSStepFunctions\./, ''), payload);
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(result));
    } catch (error) {
      const known = error instanceof ServiceError ? error : new ServiceError('InvalidArn', error instanceof Error ? error.message : String(error));
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: known.type, message: known.message }));
    }
  }

  private dispatch(operation: string, payload: Record<string, unknown>) {
    if (this.stopping && operation === 'StartExecution') {
      // The caller fails and says so; what it meant to start is still stored, for the next start to pick up.
      throw new ServiceError('ServiceUnavailable', 'The local Step Functions endpoint is stopping and starts no new executions.');
    }
    switch (operation) {
      case 'StartExecution':
        return this.startExecution(payload);
      case 'DescribeExecution':
        return this.describeExecution(String(payload.executionArn ?? ''));
      default:
        throw new ServiceError('UnknownOperationException', `The local Step Functions endpoint does not implement ${operation}.`);
    }
  }

  private startExecution(payload: Record<string, unknown>) {
    if (payload.stateMachineArn !== this.stateMachineArn) {
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(payload.stateMachineArn)}'`);
    }
    const name = typeof payload.name === 'string' ? payload.name : randomUUID();
    checkExecutionName(name);
    const input = typeof payload.input === 'string' ? payload.input : '{}';
    let parsedInput: JsonValue;
    try {
      parsedInput = JSON.parse(input) as JsonValue;
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not JSON.');
    }
    const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${this.options.stateMachineName}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As in AWS: the same name and input while running is the same request; anything else is refused.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn, startDate: epochSeconds(existing.startDate) };
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution = this.run(executionArn, name, input, parsedInput);
    this.executions.set(executionArn, execution);
    this.forgetOldExecutions();
    return { executionArn, startDate: epochSeconds(execution.startDate) };
  }

  private run(executionArn: string, name: string, input: string, parsedInput: JsonValue): Execution {
    const startDate = new Date();
    const execution: Execution = {
      executionArn,
      name,
      input,
      status: 'RUNNING',
      startDate,
      history: [],
      done: Promise.resolve(),
      abort: () => undefined,
      historyEvents: 0,
    };
    const options: RunOptions = {
      overrides: {
        taskResourceLocalHandlers: this.#payloadLimited(),
        waitTimeOverrides: this.options.waitOverrides,
        retryIntervalOverrides: this.options.retryOverrides,
      },
      context: { Execution: { Id: executionArn, Name: name, Input: parsedInput, StartTime: startDate.toISOString() } } as never,
    };
    const { result, eventLogs, abort } = this.machine.run(parsedInput as never, options);
    execution.abort = abort;
    const recordHistory = async () => {
      for await (const event of eventLogs) {
        this.#enforceQuotas(execution, event, abort);
        if (execution.history.length >= HISTORY_LIMIT) continue;
        const state = 'state' in event ? event.state.name : undefined;
        const error = 'Error' in event ? String(event.Error) : undefined;
        execution.history.push({ type: event.type, ...(state && { state }), ...(error && { error }) });
      }
    };
    execution.done = Promise.all([
      recordHistory(),
      result.then(
        (output) => {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        },
        (error: unknown) => {
          execution.status = error instanceof ExecutionTimeoutError ? 'TIMED_OUT' : error instanceof ExecutionAbortedError ? 'ABORTED' : 'FAILED';
          // The interpreter wraps the state's error (a Fail state's Error and Cause) as `cause`.
          const failure = error instanceof Error && error.cause instanceof Error ? error.cause : (error as Error);
          execution.error = execution.status === 'TIMED_OUT' ? 'States.Timeout' : failure.name;
          execution.cause = failure.message;
        },
      ),
    ])
      .then(() => {
        this.#endOverQuota(execution);
        execution.stopDate = new Date();
      })
      .then(() => this.announceRunEnd(execution));
    return execution;
  }

  /** What Step Functions sends EventBridge when an execution ends unfinished, to the listener standing in for the rule. */
  private async announceRunEnd(execution: Execution) {
    const listener = this.options.onRunEnded;
    const status = execution.status as RunEndStatus;
    // What a stop aborts is left as far as it got, for the next start to resume: failing its job would end it instead.
    if (!listener || !RUN_END_STATUSES.includes(status) || (status === 'ABORTED' && this.stopping)) return;
    const event: RunStatusChangeEvent = {
      'detail-type': RUN_STATUS_CHANGE_DETAIL_TYPE,
      source: 'aws.states',
      time: (execution.stopDate ?? new Date()).toISOString(),
      detail: {
        executionArn: execution.executionArn,
        stateMachineArn: this.stateMachineArn,
        name: execution.name,
        status,
        startDate: execution.startDate.getTime(),
        stopDate: execution.stopDate?.getTime() ?? null,
        error: execution.error ?? null,
        cause: execution.cause ?? null,
      },
    };
    try {
      await listener(event);
    } catch (error) {
      logger.error('The run-end event could not be delivered', { executionArn: execution.executionArn, status, error });
    }
  }

  /**
   * The task functions, held to the service's payload quota: a task whose
   * input or result is over 256 KB fails with States.DataLimitExceeded, as in
   * AWS, where a Catch that names it can record the failure.
   */
  #payloadLimited(): Record<string, LocalFunction> {
    return Object.fromEntries(
      Object.entries(this.options.functions).map(([state, run]) => [
        state,
        async (input: JsonValue) => {
          const inputBytes = payloadBytes(input);
          if (inputBytes > PAYLOAD_LIMIT_BYTES) throw dataLimitExceeded(`The input of state '${state}'`, inputBytes);
          const result = await run(input);
          const resultBytes = payloadBytes(result);
          if (resultBytes > PAYLOAD_LIMIT_BYTES) throw dataLimitExceeded(`The result returned by state '${state}'`, resultBytes);
          return result;
        },
      ]),
    );
  }

  /**
   * Counts the history the service would record and checks every state's
   * input and output. AWS fails a run at 25,000 events, and a state whose
   * input or output is over 256 KB; the interpreter knows neither, so the run
   * is stopped here and ends FAILED as it would in AWS.
   */
  #enforceQuotas(execution: Execution, event: InterpreterEvent, abort: () => void) {
    if (execution.quotaFailure) return;
    execution.historyEvents += historyEventsOf(event);
    const state = event.state;
    const data = event.type === 'StateEntered' ? state?.input : event.type === 'StateExited' ? state?.output : undefined;
    const bytes = data === undefined ? 0 : payloadBytes(data);
    if (bytes > PAYLOAD_LIMIT_BYTES) {
      const error = dataLimitExceeded(`The ${event.type === 'StateEntered' ? 'input' : 'output'} of state '${state?.name}'`, bytes);
      execution.quotaFailure = { error: error.name, cause: error.message };
    } else if (execution.historyEvents > HISTORY_LIMIT_EVENTS) {
      execution.quotaFailure = {
        error: 'States.Runtime',
        cause: `The execution reached the maximum execution history size of ${HISTORY_LIMIT_EVENTS} events.`,
      };
    }
    if (execution.quotaFailure) abort();
  }

  /** The interpreter's events trail the run a little: a run that broke a quota ends FAILED even if it got to its end first. */
  #endOverQuota(execution: Execution) {
    if (!execution.quotaFailure) return;
    execution.status = 'FAILED';
    execution.output = undefined;
    execution.error = execution.quotaFailure.error;
    execution.cause = execution.quotaFailure.cause;
  }

  private describeExecution(executionArn: string) {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return {
      executionArn,
      stateMachineArn: this.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: epochSeconds(execution.startDate),
      stopDate: epochSeconds(execution.stopDate),
      input: execution.input,
      output: execution.output,
      error: execution.error,
      cause: execution.cause,
    };
  }

  private forgetOldExecutions() {
    for (const [arn, execution] of this.executions) {
      if (this.executions.size <= REMEMBERED_EXECUTIONS) return;
      if (execution.status !== 'RUNNING') this.executions.delete(arn);
    }
  }
}
