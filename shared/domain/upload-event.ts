import type { ObjectCreatedEvent } from '../contracts/upload-event';

/** The parts of EventBridge's "Object Created" event the pipeline reads. */
export const objectCreatedEvent = (upload: { bucket: string; key: string; size: number; time: Date }): ObjectCreatedEvent => ({
  'detail-type': 'Object Created',
  source: 'aws.s3',
  time: upload.time.toISOString(),
  detail: { bucket: { name: upload.bucket }, object: { key: upload.key, size: upload.size } },
});
