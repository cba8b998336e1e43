import { randomUUID } from 'node:crypto';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { ObjectCreatedEvent } from '../../shared/contracts/pipeline-state';
import { UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { logger } from '../../lambdas/runtime/powertools';

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
}

/**
 * What the cloud's EventBridge rule does for an upload: an "Object Created"
 * event under uploads/ starts the state machine, the event as its input and
 * no execution name of its own, just as a rule target starts one.
 */
export function objectCreatedBridge(sfn: SFNClient, stateMachineArn: string) {
  return async (stored: StoredObject): Promise<string | undefined> => {
    if (!stored.key.startsWith(UPLOADS_PREFIX)) return undefined;
    const event: ObjectCreatedEvent & Record<string, unknown> = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [`arn:aws:s3:::${stored.bucket}`],
      detail: {
        version: '0',
        bucket: { name: stored.bucket },
        object: { key: stored.key, size: stored.size },
        reason: 'PutObject',
      } as ObjectCreatedEvent['detail'],
    };
    try {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(event) }));
      return executionArn;
    } catch (error) {
      // EventBridge retries delivery on its own; locally the upload stays and the log says why nothing ran.
      logger.error('Could not start the pipeline for an upload', { key: stored.key, error });
      return undefined;
    }
  };
}
