import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsEndpoint } from '../../../infra/local/step-functions-endpoint';

/** A two-step machine: a task that echoes (or fails on request) and a wait to keep runs open for a moment. */
const definition = {
  StartAt: 'Hold',
  States: {
    Hold: { Type: 'Wait', Seconds: 1, Next: 'Echo' },
    Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:Echo', End: true },
  },
};

describe('the local Step Functions endpoint', () => {
  const endpoint = new StepFunctionsEndpoint({
    definition,
    stateMachineName: 'test-machine',
    waitOverrides: { Hold: 150 },
    functions: {
      Echo: async (input) => {
        const value = input as { fail?: string };
        if (value.fail) {
          const error = new Error(JSON.stringify({ errorType: 'Boom', errorMessage: value.fail }));
          error.name = 'Boom';
          throw error;
        }
        return { echoed: input };
      },
    },
  });
  let sfn: SFNClient;
  const start = (input: unknown, name?: string) =>
    sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: JSON.stringify(input), name }));
  const describeWhenDone = async (executionArn: string) => {
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    const url = await endpoint.start();
    sfn = new SFNClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(() => endpoint.stop());

  it('starts and describes executions through the unchanged AWS SDK', async () => {
    const { executionArn, startDate } = await start({ lecture: 'entropy' }, 'run-1');
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:test-machine:run-1');
    expect(startDate).toBeInstanceOf(Date);
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running.status).toBe('RUNNING');
    const done = await describeWhenDone(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ echoed: { lecture: 'entropy' } });
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
    expect(endpoint.history(executionArn!).map((entry) => entry.type)).toContain('ExecutionSucceeded');
  });

  it('reports a failed execution with the error name and Lambda-shaped cause', async () => {
    const { executionArn } = await start({ fail: 'no lecture' });
    const done = await describeWhenDone(executionArn!);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Boom');
    expect(JSON.parse(done.cause!)).toMatchObject({ errorType: 'Boom', errorMessage: 'no lecture' });
  });

  it('treats the same name and input while running as the same request, and refuses a name reused otherwise', async () => {
    const first = await start({ n: 1 }, 'dedupe');
    const again = await start({ n: 1 }, 'dedupe');
    expect(again.executionArn).toBe(first.executionArn);
    await expect(start({ n: 2 }, 'dedupe')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await describeWhenDone(first.executionArn!);
    await expect(start({ n: 1 }, 'dedupe')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(endpoint.executionArns().filter((arn) => arn.endsWith(':dedupe'))).toHaveLength(1);
  });

  it.each([
    ['an empty name', ''],
    ['a space', 'lecture 1'],
    ['a slash', 'jobs/1'],
    ['a colon', 'job:1'],
    ['a control character', 'job\u0007'],
    ['81 characters', 'x'.repeat(81)],
  ])('refuses a name with %s as AWS does', async (_, name) => {
    await expect(start({}, name)).rejects.toMatchObject({ name: 'InvalidName' });
  });

  it('accepts names AWS accepts, up to 80 characters', async () => {
    const { executionArn } = await start({}, `${'a'.repeat(70)}-b_c.1234`.slice(0, 80));
    expect(executionArn).toBeDefined();
  });

  it('answers unknown machines and executions with the service\'s errors', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:other', input: '{}' })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:test-machine:nope' })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });
});
