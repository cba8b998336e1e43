import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ObjectCreatedEventSchema } from '../../../shared/contracts/pipeline-state';
import { objectCreatedBridge } from '../../../infra/local/object-created-bridge';

const STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:lecture-notes-pipeline';

describe('the bridge from s3rver notifications to the pipeline', () => {
  const sfn = mockClient(SFNClient);
  const bridge = objectCreatedBridge(new SFNClient({ region: 'us-east-1' }), STATE_MACHINE);

  beforeEach(() => {
    sfn.reset();
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${STATE_MACHINE}:run`, startDate: new Date() });
  });

  it('starts the state machine with the EventBridge "Object Created" event the cloud rule delivers', async () => {
    const arn = await bridge({ bucket: 'lecture-notes-local', key: 'uploads/job-1/week 3.vtt', size: 42 });
    expect(arn).toBe(`${STATE_MACHINE}:run`);
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    const input = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(input.stateMachineArn).toBe(STATE_MACHINE);
    expect(input.name).toBeUndefined();
    const event = ObjectCreatedEventSchema.parse(JSON.parse(input.input!));
    expect(event.detail).toMatchObject({ bucket: { name: 'lecture-notes-local' }, object: { key: 'uploads/job-1/week 3.vtt', size: 42 } });
  });

  it('ignores objects outside uploads/, as the rule\'s prefix filter does', async () => {
    expect(await bridge({ bucket: 'lecture-notes-local', key: 'jobs/job-1/notes.json', size: 10 })).toBeUndefined();
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 0);
  });

  it('keeps going when the state machine cannot be started', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('endpoint down'));
    await expect(bridge({ bucket: 'b', key: 'uploads/job-2/a.vtt', size: 1 })).resolves.toBeUndefined();
  });
});
