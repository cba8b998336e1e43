import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsEndpoint } from '../../../infra/local/step-functions-endpoint';
import { RunStatusChangeEventSchema, type RunStatusChangeEvent } from '../../../shared/contracts/run-status-event';

/** A task that fails on request, then a wait that outlasts the machine's one-second time limit on request. */
const definition = {
  StartAt: 'Check',
  TimeoutSeconds: 1,
  States: {
    Check: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:Check', Next: 'Linger' },
    Linger: { Type: 'Wait', SecondsPath: '$.linger', End: true },
  },
};

describe('the local Step Functions endpoint, when a run ends unfinished', () => {
  const announced: RunStatusChangeEvent[] = [];
  let listenerFails = false;
  const endpoint = new StepFunctionsEndpoint({
    definition,
    stateMachineName: 'run-ends',
    functions: {
      Check: async (input) => {
        const value = input as { fail?: boolean };
        if (value.fail) {
          const error = new Error(JSON.stringify({ errorType: 'Boom', errorMessage: 'no lecture' }));
          error.name = 'Boom';
          throw error;
        }
        return input;
      },
    },
    onRunEnded: async (event) => {
      announced.push(event);
      if (listenerFails) throw new Error('the handler is down');
    },
  });
  let sfn: SFNClient;
  const runToEnd = async (input: unknown, name: string) => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: JSON.stringify(input), name }));
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** The listener is told after the execution's end is recorded; give it that moment. */
  const announcedFor = async (name: string) => {
    for (let waited = 0; waited < 2_000; waited += 20) {
      const event = announced.find((candidate) => candidate.detail.name === name);
      if (event) return event;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  };

  beforeAll(async () => {
    const url = await endpoint.start();
    sfn = new SFNClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(() => endpoint.stop());

  it('tells the listener of a failed run with the event EventBridge delivers in AWS', async () => {
    const done = await runToEnd({ fail: true, linger: 0 }, 'fails');
    const event = await announcedFor('fails');
    expect(RunStatusChangeEventSchema.parse(event)).toEqual({
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      time: done.stopDate!.toISOString(),
      detail: {
        executionArn: done.executionArn,
        stateMachineArn: endpoint.stateMachineArn,
        name: 'fails',
        status: 'FAILED',
        startDate: done.startDate!.getTime(),
        stopDate: done.stopDate!.getTime(),
        error: 'Boom',
        cause: done.cause,
      },
    });
  });

  it('tells the listener of a run that outlived the time limit, as TIMED_OUT', async () => {
    const done = await runToEnd({ linger: 5 }, 'lingers');
    expect(done.status).toBe('TIMED_OUT');
    expect((await announcedFor('lingers'))?.detail).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('tells the listener nothing of a run that succeeded', async () => {
    expect((await runToEnd({ linger: 0 }, 'succeeds')).status).toBe('SUCCEEDED');
    // A later run that fails is announced; by then an announcement of the success would have come first.
    await runToEnd({ fail: true, linger: 0 }, 'fails-later');
    expect(await announcedFor('fails-later')).toBeDefined();
    expect(announced.filter((event) => event.detail.name === 'succeeds')).toEqual([]);
  });

  it('keeps serving when the listener throws (in AWS the event would go to the dead-letter queue)', async () => {
    listenerFails = true;
    const done = await runToEnd({ fail: true, linger: 0 }, 'listener-down');
    expect(await announcedFor('listener-down')).toBeDefined();
    expect(done.status).toBe('FAILED');
    listenerFails = false;
    expect((await runToEnd({ fail: true, linger: 0 }, 'after')).status).toBe('FAILED');
    expect(await announcedFor('after')).toBeDefined();
  });
});
