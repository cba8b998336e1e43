import * as z from 'zod';

/**
 * What start-run receives: the EventBridge event for an S3 upload, exactly as
 * the cloud rule delivers it (the local bridge builds the same shape). Only
 * start-run reads it; the runs it starts get a RunInput.
 */
export const ObjectCreatedEventSchema = z.object({
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  time: z.string(),
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().int().nonnegative().optional(),
    }),
  }),
});
export type ObjectCreatedEvent = z.infer<typeof ObjectCreatedEventSchema>;
