import type { UndeliveredEvents } from '../../shared/ports/undelivered-events';
import { createSqsClient } from '../adapters/aws-clients';
import { SqsUndeliveredEvents } from '../adapters/sqs-undelivered-events';
import type { RuntimeConfig } from './config';
import { tracer } from './powertools';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** What the replay of undelivered uploads needs: what starting a run needs, and the queue it replays. */
export interface RedriveDependencies extends ProviderFreeDependencies {
  undeliveredUploads: UndeliveredEvents;
}

export const composeRedrive = (config: RuntimeConfig): RedriveDependencies => ({
  ...composeProviderFree(config),
  undeliveredUploads: new SqsUndeliveredEvents({
    client: tracer.captureAWSv3Client(createSqsClient(config.aws)),
    queueUrl: config.undeliveredUploadsQueueUrl,
  }),
});
