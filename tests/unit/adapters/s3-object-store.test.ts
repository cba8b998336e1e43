import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NotFound, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/adapters/aws-clients';
import { S3ObjectStore } from '../../../lambdas/adapters/s3-object-store';

const BUCKET = 'lecture-uploads';
const KEY = 'uploads/job-1/week-3.mp3';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

const s3Failure = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message: `${name} from S3` });

/** The policy S3 checks a POST upload against, as the form carries it. */
function signedPolicyOf(fields: Record<string, string>): { expiration: string; conditions: unknown[] } {
  const policy = fields.Policy;
  if (!policy) throw new Error(`the upload form has no Policy field: ${Object.keys(fields).join(', ')}`);
  return JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
}

describe('S3ObjectStore presigning', () => {
  const store = new S3ObjectStore({ client: createS3Client({ region: 'eu-west-1', credentials }), bucket: BUCKET });

  it('hands out a POST form whose signed policy allows only this key, type and exact size', async () => {
    const signedAt = Date.now();
    const upload = await store.presignUpload(KEY, { contentType: 'audio/mpeg', sizeBytes: 40_000_123, expiresInSeconds: 900 });
    const policy = signedPolicyOf(upload.fields);

    expect(upload.method).toBe('POST');
    expect(new URL(upload.url).hostname).toBe(`${BUCKET}.s3.eu-west-1.amazonaws.com`);
    expect(upload.fields).toMatchObject({ key: KEY, 'Content-Type': 'audio/mpeg', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: BUCKET },
        { key: KEY },
        { 'Content-Type': 'audio/mpeg' },
        ['content-length-range', 40_000_123, 40_000_123],
      ]),
    );
    // No condition may loosen the key, e.g. a starts-with that lets the client pick it.
    expect(policy.conditions.filter((condition) => Array.isArray(condition) && condition[0] === 'starts-with')).toEqual([]);
    const lifetimeMs = Date.parse(policy.expiration) - signedAt;
    expect(lifetimeMs).toBeGreaterThan(14 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it('signs the lifetime it is asked for', async () => {
    const signedAt = Date.now();
    const { fields } = await store.presignUpload(KEY, { contentType: 'text/vtt', sizeBytes: 10, expiresInSeconds: 120 });
    const lifetimeMs = Date.parse(signedPolicyOf(fields).expiration) - signedAt;

    expect(lifetimeMs).toBeGreaterThan(110_000);
    expect(lifetimeMs).toBeLessThanOrEqual(120_000);
  });

  it.each([901, 3_600, 0, 1.5])('refuses a form that lives %s seconds, naming the setting', async (expiresInSeconds) => {
    await expect(store.presignUpload(KEY, { contentType: 'audio/mpeg', sizeBytes: 10, expiresInSeconds })).rejects.toThrow(/900 seconds.*UPLOAD_URL_SECONDS/);
  });

  it.each([0, 5 * 1024 ** 3 + 1])('refuses a form for %s bytes, which S3 cannot take by POST', async (sizeBytes) => {
    await expect(store.presignUpload(KEY, { contentType: 'audio/mpeg', sizeBytes, expiresInSeconds: 900 })).rejects.toThrow(String(sizeBytes));
  });

  it('presigns a download for the requested time', async () => {
    const url = new URL(await store.presignDownload('jobs/job-1/notes.md', 7_200));

    expect(url.searchParams.get('X-Amz-Expires')).toBe('7200');
    expect(url.pathname).toContain('jobs/job-1/notes.md');
  });
});

describe('S3ObjectStore reads', () => {
  const s3 = mockClient(S3Client);
  const store = new S3ObjectStore({ client: new S3Client({ region: 'eu-west-1', credentials }), bucket: BUCKET });

  beforeEach(() => s3.reset());

  it('answers undefined when HeadObject finds nothing', async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } }));

    expect(await store.head(KEY)).toBeUndefined();
    expect(s3).toReceiveCommandWith(HeadObjectCommand, { Bucket: BUCKET, Key: KEY });
  });

  it('passes other HeadObject failures on with bucket and key, keeping the error name', async () => {
    s3.on(HeadObjectCommand).rejects(s3Failure('AccessDenied', 403));

    await expect(store.head(KEY)).rejects.toSatisfy(
      (error) => error instanceof Error && error.name === 'AccessDenied' && error.message.includes(`s3://${BUCKET}/${KEY}`),
    );
  });

  it('asks for exactly the first bytes', async () => {
    s3.on(GetObjectCommand).rejects(s3Failure('NoSuchKey', 404));

    await expect(store.readStart(KEY, 4_096)).rejects.toThrow(KEY);
    expect(s3).toReceiveCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: KEY, Range: 'bytes=0-4095' });
  });

  it('reads an empty object as no bytes, as S3 refuses any range on it', async () => {
    s3.on(GetObjectCommand).rejects(s3Failure('InvalidRange', 416));

    expect(await store.readStart(KEY, 4_096)).toEqual(new Uint8Array());
  });
});

describe('S3ObjectStore deletePrefix', () => {
  const s3 = mockClient(S3Client);
  const store = new S3ObjectStore({ client: new S3Client({ region: 'eu-west-1', credentials }), bucket: BUCKET });
  const keysOf = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ Key: `jobs/job-1/chunks/${from + index}.json` }));

  beforeEach(() => s3.reset());

  it('follows the continuation token page by page, deleting each page in one batch of at most 1,000 keys', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({ Contents: keysOf(0, 1_000), IsTruncated: true, NextContinuationToken: 'page-2' });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({ Contents: keysOf(1_000, 7), IsTruncated: false });
    s3.on(DeleteObjectsCommand).resolves({});

    expect(await store.deletePrefix('jobs/job-1/')).toBe(1_007);

    expect(s3).toReceiveCommandTimes(ListObjectsV2Command, 2);
    expect(s3).toReceiveNthCommandWith(ListObjectsV2Command, 1, { Bucket: BUCKET, Prefix: 'jobs/job-1/', MaxKeys: 1_000 });
    expect(s3).toReceiveNthCommandWith(ListObjectsV2Command, 2, { Bucket: BUCKET, Prefix: 'jobs/job-1/', MaxKeys: 1_000, ContinuationToken: 'page-2' });
    const batches = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input.Delete?.Objects ?? []);
    expect(batches.map((batch) => batch.length)).toEqual([1_000, 7]);
    expect(batches[1]![0]).toEqual({ Key: 'jobs/job-1/chunks/1000.json' });
  });

  it('stops at the first batch S3 could not delete, naming the keys and the prefix', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: keysOf(0, 2), IsTruncated: true, NextContinuationToken: 'page-2' });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'jobs/job-1/chunks/1.json', Message: 'Access Denied' }] });

    await expect(store.deletePrefix('jobs/job-1/')).rejects.toThrow(/jobs\/job-1\/.*chunks\/1\.json: Access Denied/);
    expect(s3).toReceiveCommandTimes(ListObjectsV2Command, 1);
  });
});
