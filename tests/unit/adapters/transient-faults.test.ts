import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/adapters/aws-clients';
import { S3ObjectStore } from '../../../lambdas/adapters/s3-object-store';
import { isTransientFault, storageFailure } from '../../../lambdas/adapters/transient-faults';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const sdkError = (name: string, httpStatusCode?: number) => Object.assign(new Error(`${name} from the service`), { name, $metadata: { httpStatusCode, attempts: 3 } });

describe('transient fault classification', () => {
  it.each([
    ['a connection timeout', sdkError('TimeoutError')],
    ['a connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a socket hang up', new Error('socket hang up')],
    ['a wrapped connection refusal', new Error('fetch failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED') })],
    ['S3 SlowDown', sdkError('SlowDown', 503)],
    ['any 5xx', sdkError('UnknownError', 502)],
    ['DynamoDB throttling', sdkError('ProvisionedThroughputExceededException', 400)],
  ])('counts %s as passing', (_, error) => {
    expect(isTransientFault(error)).toBe(true);
    expect(storageFailure('Could not read s3://b/k', error)).toMatchObject({ name: 'StorageUnavailable', message: expect.stringMatching(/retry the job/) });
  });

  it.each([
    ['access denied', sdkError('AccessDenied', 403)],
    ['a missing key', sdkError('NoSuchKey', 404)],
    ['a validation error', sdkError('ValidationException', 400)],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ])('keeps %s permanent, under its own name', (_, error) => {
    expect(isTransientFault(error)).toBe(false);
    expect(storageFailure('Could not read s3://b/k', error).name).toBe(error.name);
  });
});

describe('a storage call against a server that drops connections', () => {
  let requests = 0;
  let answer: 'drop' | 'deny' = 'drop';
  let server: Server;
  let store: S3ObjectStore;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(403, { 'content-type': 'application/xml' });
      response.end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createS3Client({
      region: 'us-east-1',
      endpoints: { s3: `http://127.0.0.1:${port}` },
      s3ForcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    store = new S3ObjectStore({ client, bucket: 'lecture-notes-test' });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is retried by the SDK, then reported as StorageUnavailable for the state machine to retry', async () => {
    requests = 0;
    answer = 'drop';
    await expect(store.getText('jobs/j/transcript.json')).rejects.toMatchObject({ name: 'StorageUnavailable', message: expect.stringContaining('s3://lecture-notes-test/jobs/j/transcript.json') });
    // maxAttempts in lambdas/adapters/aws-clients.ts: bounded, not endless.
    expect(requests).toBe(3);
  });

  it('fails a refusal at once, under the service\'s own name', async () => {
    requests = 0;
    answer = 'deny';
    await expect(store.getText('jobs/j/transcript.json')).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(requests).toBe(1);
  });
});
