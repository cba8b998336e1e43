import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSqsClient } from '../../../lambdas/adapters/aws-clients';
import { SqsUndeliveredEvents } from '../../../lambdas/adapters/sqs-undelivered-events';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/undelivered-uploads';

describe('SqsUndeliveredEvents', () => {
  const sqs = mockClient(SQSClient);
  const client = createSqsClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const queue = new SqsUndeliveredEvents({ client, queueUrl: QUEUE_URL });
  beforeEach(() => sqs.reset());

  it('receives up to ten messages, hidden for longer than a replay runs, with a short long-poll', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [{ MessageId: 'm-1', ReceiptHandle: 'r-1', Body: '{"source":"aws.s3"}' }] });

    expect(await queue.receive(100)).toEqual([{ id: 'm-1', body: '{"source":"aws.s3"}', receipt: 'r-1' }]);
    expect(sqs).toReceiveCommandWith(ReceiveMessageCommand, { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
    const hidden = sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.VisibilityTimeout!;
    expect(hidden).toBeGreaterThan(60); // the replay function's timeout
  });

  it('asks for no more than it wants, and answers an empty queue with nothing', async () => {
    sqs.on(ReceiveMessageCommand).resolves({});
    expect(await queue.receive(3)).toEqual([]);
    expect(sqs).toReceiveCommandWith(ReceiveMessageCommand, { MaxNumberOfMessages: 3 });
  });

  it('deletes a handled message by its receipt', async () => {
    sqs.on(DeleteMessageCommand).resolves({});
    await queue.remove({ id: 'm-1', body: '{}', receipt: 'r-1' });
    expect(sqs).toReceiveCommandWith(DeleteMessageCommand, { QueueUrl: QUEUE_URL, ReceiptHandle: 'r-1' });
  });

  it('names the queue when SQS refuses', async () => {
    sqs.on(ReceiveMessageCommand).rejects(new Error('Access to the resource is denied'));
    await expect(queue.receive(10)).rejects.toThrow(`Could not receive from ${QUEUE_URL}: Access to the resource is denied`);
    sqs.on(DeleteMessageCommand).rejects(new Error('The receipt handle has expired'));
    await expect(queue.remove({ id: 'm-7', body: '{}', receipt: 'r-7' })).rejects.toThrow(/message m-7 .*receipt handle has expired/);
  });

  it('says what is missing when the function was given no queue', async () => {
    await expect(new SqsUndeliveredEvents({ client, queueUrl: undefined }).receive(10)).rejects.toThrow(/UNDELIVERED_UPLOADS_QUEUE_URL is not set/);
  });
});
