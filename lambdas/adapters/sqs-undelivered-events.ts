import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { UndeliveredEvent, UndeliveredEvents } from '../../shared/ports/undelivered-events';

/** SQS takes at most ten messages per receive. */
const MAX_PER_RECEIVE = 10;
/**
 * Longer than a replay runs (its Lambda's timeout), so a message that failed
 * is not received again within the same replay; it reappears for the next one.
 */
const HIDDEN_SECONDS = 120;
/** A short long-poll: a receive without one samples only some servers and may miss messages. */
const WAIT_SECONDS = 1;

export class SqsUndeliveredEvents implements UndeliveredEvents {
  readonly #client: SQSClient;
  readonly #queueUrl: string | undefined;

  /** `queueUrl` is only given to the function that replays the queue; any other caller is told what is missing. */
  constructor({ client, queueUrl }: { client: SQSClient; queueUrl: string | undefined }) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async receive(max: number): Promise<UndeliveredEvent[]> {
    const queueUrl = this.#url();
    try {
      const { Messages = [] } = await this.#client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(MAX_PER_RECEIVE, Math.max(1, max)),
          VisibilityTimeout: HIDDEN_SECONDS,
          WaitTimeSeconds: WAIT_SECONDS,
        }),
      );
      return Messages.flatMap((message) =>
        message.MessageId && message.ReceiptHandle ? [{ id: message.MessageId, body: message.Body ?? '', receipt: message.ReceiptHandle }] : [],
      );
    } catch (error) {
      throw new Error(`Could not receive from ${queueUrl}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async remove(event: UndeliveredEvent): Promise<void> {
    const queueUrl = this.#url();
    try {
      await this.#client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: event.receipt }));
    } catch (error) {
      throw new Error(`Could not delete message ${event.id} from ${queueUrl}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  #url(): string {
    if (!this.#queueUrl) throw new Error('UNDELIVERED_UPLOADS_QUEUE_URL is not set: this function cannot replay undelivered uploads.');
    return this.#queueUrl;
  }
}
