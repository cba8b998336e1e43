import { randomUUID } from 'node:crypto';
import { UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { objectCreatedEvent } from '../../shared/domain/upload-event';
import { logger } from '../../lambdas/runtime/powertools';
import type { JsonValue, LocalFunction } from './lambda-stand-in';
import type { CreatedObject } from './stand-ins';

/**
 * What the cloud's EventBridge rule does for an upload: an "Object Created"
 * event under uploads/, in EventBridge's envelope, delivered to the rule's
 * target (the start-run function).
 */
export function objectCreatedBridge(target: LocalFunction) {
  return async (created: CreatedObject): Promise<boolean> => {
    if (!created.key.startsWith(UPLOADS_PREFIX)) return false;
    const event = {
      version: '0',
      id: randomUUID(),
      account: '000000000000',
      region: 'us-east-1',
      resources: [`arn:aws:s3:::${created.bucket}`],
      ...objectCreatedEvent({ ...created, time: new Date() }),
    };
    try {
      await target(event as unknown as JsonValue);
      return true;
    } catch (error) {
      // EventBridge would retry the delivery; locally the upload stays and the log says why nothing ran.
      logger.error('The upload event could not be delivered', { key: created.key, error });
      return false;
    }
  };
}
