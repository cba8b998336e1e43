import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { StepFunctionsEndpoint } from '../../../infra/local/step-functions-endpoint';

/** Two tasks in a row; the first holds until the test lets it go. */
const definition = {
  StartAt: 'Hold',
  States: {
    Hold: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:Hold', Next: 'After' },
    After: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:After', End: true },
  },
};

async function setUp() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const holding = new Promise<void>((resolve) => (entered = resolve));
  const afterCalls: unknown[] = [];
  const endpoint = new StepFunctionsEndpoint({
    definition,
    stateMachineName: 'stop-machine',
    functions: {
      Hold: async (input) => {
        entered();
        await held;
        return input;
      },
      After: async (input) => {
        afterCalls.push(input);
        return input;
      },
    },
  });
  const sfn = new SFNClient({ region: 'us-east-1', endpoint: await endpoint.start(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const start = async (name: string) => {
    await sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: '{}', name }));
    await holding;
  };
  return { endpoint, sfn, start, release, afterCalls };
}

describe('stopping the local Step Functions endpoint', () => {
  let cleanUp: (() => void) | undefined;
  afterEach(() => cleanUp?.());

  it('waits for a running execution that ends within the drain time', async () => {
    const { endpoint, sfn, start, release, afterCalls } = await setUp();
    cleanUp = () => sfn.destroy();
    await start('run-1');
    expect(endpoint.isRunning('run-1')).toBe(true);

    const stopped = endpoint.stop({ drainMs: 60_000 });
    release();
    await stopped;

    expect(endpoint.isRunning('run-1')).toBe(false);
    expect(afterCalls).toHaveLength(1);
    expect(endpoint.history(endpoint.executionArns()[0]!).map((entry) => entry.type)).toContain('ExecutionSucceeded');
  });

  it('aborts what is still running after the drain time, between states, and closes', async () => {
    const { endpoint, sfn, start, release, afterCalls } = await setUp();
    cleanUp = () => {
      release();
      sfn.destroy();
    };
    await start('run-2');

    const began = Date.now();
    await endpoint.stop({ drainMs: 200 });

    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
    expect(endpoint.isRunning('run-2')).toBe(false);
    expect(endpoint.history(endpoint.executionArns()[0]!).map((entry) => entry.type)).toContain('ExecutionAborted');
    // The held task finishing late starts nothing more: an aborted run runs no further state.
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(afterCalls).toEqual([]);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: '{}', name: 'run-3' }))).rejects.toThrow();
  });

  it('starts nothing new once stopping, while it drains what runs', async () => {
    const { endpoint, sfn, start, release } = await setUp();
    cleanUp = () => sfn.destroy();
    await start('run-4');

    const stopped = endpoint.stop({ drainMs: 60_000 });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: endpoint.stateMachineArn, input: '{}', name: 'run-5' }))).rejects.toThrow(/stopping/);
    expect(endpoint.executionArns()).toHaveLength(1);
    release();
    await stopped;
  });
});
