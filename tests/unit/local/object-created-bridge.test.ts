import { describe, expect, it } from 'vitest';
import { ObjectCreatedEventSchema } from '../../../shared/contracts/upload-event';
import { objectCreatedBridge } from '../../../infra/local/object-created-bridge';
import type { JsonValue } from '../../../infra/local/lambda-stand-in';

/** A rule target that records what it is given, or fails as told. */
function target(failWith?: Error) {
  const delivered: JsonValue[] = [];
  const deliver = async (event: JsonValue) => {
    if (failWith) throw failWith;
    delivered.push(event);
    return null;
  };
  return { delivered, deliver };
}

describe('the bridge from s3rver notifications to the upload rule\'s target', () => {
  it('delivers the EventBridge "Object Created" event the cloud rule delivers', async () => {
    const { delivered, deliver } = target();
    expect(await objectCreatedBridge(deliver)({ bucket: 'lecture-notes-local', key: 'uploads/job-1/week 3.vtt', size: 42 })).toBe(true);

    expect(delivered).toHaveLength(1);
    const event = delivered[0] as Record<string, unknown>;
    expect(event).toMatchObject({ version: '0', source: 'aws.s3', 'detail-type': 'Object Created', resources: ['arn:aws:s3:::lecture-notes-local'] });
    expect(ObjectCreatedEventSchema.parse(event).detail).toEqual({
      bucket: { name: 'lecture-notes-local' },
      object: { key: 'uploads/job-1/week 3.vtt', size: 42 },
    });
  });

  it('ignores objects outside uploads/, as the rule\'s prefix filter does', async () => {
    const { delivered, deliver } = target();
    expect(await objectCreatedBridge(deliver)({ bucket: 'lecture-notes-local', key: 'jobs/job-1/notes.json', size: 10 })).toBe(false);
    expect(delivered).toEqual([]);
  });

  it('keeps going when the target fails', async () => {
    const { deliver } = target(new Error('target down'));
    await expect(objectCreatedBridge(deliver)({ bucket: 'b', key: 'uploads/job-2/a.vtt', size: 1 })).resolves.toBe(false);
  });
});
