import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsEndpoint } from '../../../infra/local/step-functions-endpoint';
import { HISTORY_LIMIT_EVENTS, PAYLOAD_LIMIT_BYTES } from '../../../infra/step-functions-quotas';

const task = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const text = (bytes: number) => 'x'.repeat(bytes);

/** One machine per quota: a task's result, a state's output, and a Map's history. */
const machines = {
  result: {
    StartAt: 'Produce',
    States: {
      Produce: {
        Type: 'Task',
        Resource: task('Produce'),
        Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], ResultPath: '$.error', Next: 'Recorded' }],
        End: true,
      },
      Recorded: { Type: 'Pass', End: true },
    },
  },
  output: {
    StartAt: 'Produce',
    States: {
      Produce: { Type: 'Task', Resource: task('Produce'), Next: 'Double' },
      Double: { Type: 'Pass', Parameters: { 'first.$': '$', 'second.$': '$' }, End: true },
    },
  },
  history: {
    StartAt: 'FanOut',
    States: {
      FanOut: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 50,
        ResultPath: null,
        ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: task('Item'), End: true } } },
        End: true,
      },
    },
  },
};

describe('the local Step Functions endpoint holds runs to the service quotas', () => {
  const endpoints = Object.fromEntries(
    Object.entries(machines).map(([name, definition]) => [
      name,
      new StepFunctionsEndpoint({
        definition,
        stateMachineName: name,
        functions: {
          Produce: async (input) => ({ text: text((input as { bytes: number }).bytes) }),
          Item: async () => ({ done: true }),
        },
      }),
    ]),
  ) as Record<keyof typeof machines, StepFunctionsEndpoint>;
  const clients: SFNClient[] = [];

  beforeAll(async () => {
    for (const endpoint of Object.values(endpoints)) {
      clients.push(new SFNClient({ region: 'us-east-1', endpoint: await endpoint.start(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    }
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(Object.values(endpoints).map((endpoint) => endpoint.stop()));
  });

  async function run(machine: keyof typeof machines, input: unknown) {
    const client = clients[Object.keys(machines).indexOf(machine)]!;
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: endpoints[machine].stateMachineArn, input: JSON.stringify(input) }));
    for (;;) {
      const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('fails a task whose result is over 256 KB with States.DataLimitExceeded, which a Catch naming it records', async () => {
    const done = await run('result', { bytes: PAYLOAD_LIMIT_BYTES });

    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!) as { error: { Error: string; Cause: string } };
    expect(output.error.Error).toBe('States.DataLimitExceeded');
    expect(output.error.Cause).toMatch(/result returned by state 'Produce'.*262144/);
  });

  it('passes a result just under the quota', async () => {
    const done = await run('result', { bytes: PAYLOAD_LIMIT_BYTES - 1_000 });

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).not.toHaveProperty('error');
  });

  it('fails the run when a state\'s output is over 256 KB', async () => {
    const done = await run('output', { bytes: 150 * 1024 });

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.DataLimitExceeded');
    expect(done.cause).toMatch(/output of state 'Double'/);
  });

  it(`fails a run whose history would pass ${HISTORY_LIMIT_EVENTS} events, and lets one under it finish`, async () => {
    // Each iteration of a one-task Map records 7 events: 3,000 make 21,000; 3,600 make 25,200.
    const under = await run('history', { items: Array.from({ length: 3_000 }, (_, index) => index) });
    const over = await run('history', { items: Array.from({ length: 3_600 }, (_, index) => index) });

    expect(under.status).toBe('SUCCEEDED');
    expect(over.status).toBe('FAILED');
    expect(over.cause).toMatch(/maximum execution history size of 25000 events/);
  }, 60_000);
});
