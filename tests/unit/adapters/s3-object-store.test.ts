import { GetObjectCommand, HeadObjectCommand, NotFound, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/adapters/aws-clients';
import { S3ObjectStore } from '../../../lambdas/adapters/s3-object-store';

const BUCKET = 'lecture-uploads';
const KEY = 'uploads/job-1/week-3.mp3';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

const s3Failure = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message: `${name} from S3` });

describe('S3ObjectStore presigning', () => {
  const store = new S3ObjectStore({ client: createS3Client({ region: 'eu-west-1', credentials }), bucket: BUCKET });

  it('signs the content type into the upload URL and asks the browser to send it', async () => {
    const upload = await store.presignUpload(KEY, { contentType: 'audio/mpeg', expiresInSeconds: 1_234 });
    const query = new URL(upload.url).searchParams;

    expect(query.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-type');
    expect(query.get('X-Amz-Expires')).toBe('1234');
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual({ 'content-type': 'audio/mpeg' });
    expect(new URL(upload.url).pathname).toContain('uploads/job-1/week-3.mp3');
  });

  it('puts no checksum of an empty body into the upload URL', async () => {
    const { url } = await store.presignUpload(KEY, { contentType: 'text/vtt', expiresInSeconds: 600 });
    const parameters = [...new URL(url).searchParams.keys()].map((name) => name.toLowerCase());

    expect(parameters.filter((name) => name.startsWith('x-amz-checksum-'))).toEqual([]);
    expect(parameters).not.toContain('x-amz-sdk-checksum-algorithm');
  });

  it('refuses to hand out an upload URL from a client that adds the checksum', async () => {
    const defaultClient = new S3Client({ region: 'eu-west-1', credentials });
    const careless = new S3ObjectStore({ client: defaultClient, bucket: BUCKET });

    await expect(careless.presignUpload(KEY, { contentType: 'audio/mpeg', expiresInSeconds: 600 })).rejects.toThrow(/createS3Client/);
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
