import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_STAND_IN_CREDENTIALS, startS3StandIn, type S3StandIn } from '../../infra/local/stand-ins';
import { createS3Client } from '../../lambdas/adapters/aws-clients';
import { S3ObjectStore } from '../../lambdas/adapters/s3-object-store';
import type { UploadInstructions } from '../../shared/contracts/api';

/* The local S3 stand-in refuses what S3 refuses: forms outside their signed
   policy, and any request not signed with the bucket owner's key. */

const BUCKET = 'lecture-uploads';
const PAGE_ORIGIN = 'http://127.0.0.1:8787';
const CAPTIONS = 'WEBVTT\n\n00:00.000 --> 00:04.000\nEntropy only grows.\n';
const SIZE = Buffer.byteLength(CAPTIONS);

let directory: string;
let standIn: S3StandIn;
let client: S3Client;
let store: S3ObjectStore;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'guarded-bucket-'));
  standIn = await startS3StandIn({ directory, buckets: [BUCKET] });
  await standIn.allowOrigins([PAGE_ORIGIN]);
  client = createS3Client({ region: 'us-east-1', endpoints: { s3: standIn.endpoint }, s3ForcePathStyle: true, credentials: S3_STAND_IN_CREDENTIALS });
  store = new S3ObjectStore({ client, bucket: BUCKET });
});

afterAll(async () => {
  client?.destroy();
  await standIn?.stop();
  await rm(directory, { recursive: true, force: true });
});

const formFor = (key: string, options: { expiresInSeconds?: number; sizeBytes?: number } = {}) =>
  store.presignUpload(key, { contentType: 'text/vtt', sizeBytes: options.sizeBytes ?? SIZE, expiresInSeconds: options.expiresInSeconds ?? 300 });

/** Posts the form as a browser does, with `fields` changed (undefined drops one), and the file last. */
async function post(upload: UploadInstructions, { fields = {}, body = CAPTIONS }: { fields?: Record<string, string | undefined>; body?: string } = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...fields })) if (value !== undefined) form.append(name, value);
  form.append('file', new Blob([body], { type: 'text/vtt' }), 'talk.vtt');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

const s3Error = (code: string) => expect.stringContaining(`<Code>${code}</Code>`);

describe('POST upload forms on the S3 stand-in', () => {
  it('takes the genuine form', async () => {
    const key = 'uploads/job-a/talk.vtt';
    expect(await post(await formFor(key))).toEqual({ status: 204, body: '' });
    expect(await store.getText(key)).toBe(CAPTIONS);
  });

  it('refuses a form aimed at another key, as the policy names the exact key', async () => {
    const upload = await formFor('uploads/job-b/talk.vtt');
    const refused = await post(upload, { fields: { key: 'jobs/job-victim/notes.json' } });

    expect(refused).toEqual({ status: 403, body: s3Error('AccessDenied') });
    expect(refused.body).toContain('Policy Condition failed');
    expect(await store.head('jobs/job-victim/notes.json')).toBeUndefined();
  });

  it('refuses a forged policy: the signature covers it', async () => {
    const upload = await formFor('uploads/job-c/talk.vtt');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8'));
    policy.conditions = policy.conditions.map((condition: unknown) =>
      JSON.stringify(condition).includes('uploads/job-c/talk.vtt') ? { key: 'jobs/job-victim/notes.json' } : condition,
    );
    const forged = Buffer.from(JSON.stringify(policy)).toString('base64');

    expect(await post(upload, { fields: { Policy: forged, key: 'jobs/job-victim/notes.json' } })).toEqual({ status: 403, body: s3Error('SignatureDoesNotMatch') });
    expect(await store.head('jobs/job-victim/notes.json')).toBeUndefined();
  });

  it('refuses an unsigned form: the bucket takes no anonymous writes', async () => {
    const upload = await formFor('uploads/job-d/talk.vtt');
    const anonymous = { Policy: undefined, 'X-Amz-Signature': undefined, 'X-Amz-Credential': undefined, 'X-Amz-Algorithm': undefined, 'X-Amz-Date': undefined };

    expect(await post(upload, { fields: anonymous })).toEqual({ status: 403, body: s3Error('AccessDenied') });
    expect(await store.head('uploads/job-d/talk.vtt')).toBeUndefined();
  });

  it('refuses a form with a content type other than the signed one', async () => {
    const refused = await post(await formFor('uploads/job-e/talk.vtt'), { fields: { 'Content-Type': 'text/html' } });

    expect(refused).toEqual({ status: 403, body: s3Error('AccessDenied') });
    expect(refused.body).toContain('Content-Type');
  });

  it('refuses a field the policy does not name', async () => {
    const refused = await post(await formFor('uploads/job-f/talk.vtt'), { fields: { 'x-amz-meta-owner': 'mallory' } });

    expect(refused).toEqual({ status: 403, body: expect.stringContaining('Extra input fields: x-amz-meta-owner') });
  });

  it('refuses a file of another size than the one signed', async () => {
    const upload = await formFor('uploads/job-g/talk.vtt');

    const tooLarge = await post(upload, { body: `${CAPTIONS}!` });
    expect(tooLarge).toEqual({ status: 400, body: s3Error('EntityTooLarge') });
    expect(tooLarge.body).toContain(`<MaxSizeAllowed>${SIZE}</MaxSizeAllowed>`);
    expect(await post(upload, { body: CAPTIONS.slice(1) })).toEqual({ status: 400, body: s3Error('EntityTooSmall') });
    expect(await store.head('uploads/job-g/talk.vtt')).toBeUndefined();
  });

  it('refuses an expired form', async () => {
    const upload = await formFor('uploads/job-h/talk.vtt', { expiresInSeconds: 1 });
    const expiration = Date.parse(JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8')).expiration);
    await new Promise((resolve) => setTimeout(resolve, expiration - Date.now() + 50));

    const refused = await post(upload);
    expect(refused).toEqual({ status: 403, body: s3Error('AccessDenied') });
    expect(refused.body).toContain('Policy expired');
  });
});

describe('every other request to the S3 stand-in', () => {
  const objectUrl = (key: string) => `${standIn.endpoint}/${BUCKET}/${key}`;

  it('is refused without a signature: no anonymous read, list, write or delete', async () => {
    await store.putText('jobs/job-i/notes.json', '{}', 'application/json');
    const attempts = [
      fetch(objectUrl('jobs/job-i/notes.json')),
      fetch(`${standIn.endpoint}/${BUCKET}?list-type=2`),
      fetch(`${standIn.endpoint}/`),
      fetch(objectUrl('jobs/job-i/notes.json'), { method: 'PUT', body: '{"forged":true}' }),
      fetch(objectUrl('jobs/job-i/notes.json'), { method: 'DELETE' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status, response.url).toBe(403);
      expect(await response.text()).toEqual(s3Error('AccessDenied'));
    }
    expect(await store.getText('jobs/job-i/notes.json')).toBe('{}');
  });

  it('is refused when signed with another secret for the same key id', async () => {
    const impostor = createS3Client({
      region: 'us-east-1',
      endpoints: { s3: standIn.endpoint },
      s3ForcePathStyle: true,
      credentials: { accessKeyId: S3_STAND_IN_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' },
    });
    try {
      for (const command of [new ListObjectsV2Command({ Bucket: BUCKET }), new PutObjectCommand({ Bucket: BUCKET, Key: 'jobs/job-j/x', Body: 'x' })]) {
        await expect(impostor.send(command as never)).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
      }
    } finally {
      impostor.destroy();
    }
    expect(await store.head('jobs/job-j/x')).toBeUndefined();
  });

  it('serves a presigned GET for its own key only', async () => {
    await store.putText('jobs/job-k/notes.md', '# Notes\n', 'text/markdown');
    await store.putText('jobs/job-other/notes.md', '# Theirs\n', 'text/markdown');
    const url = await store.presignDownload('jobs/job-k/notes.md', 60);

    const genuine = await fetch(url);
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toBe('# Notes\n');
    const retargeted = await fetch(url.replace('job-k', 'job-other'));
    expect(retargeted.status).toBe(403);
    expect(await retargeted.text()).toEqual(s3Error('SignatureDoesNotMatch'));
  });

  it("serves a recording's presigned GET in the ranges a media player asks for, until it expires", async () => {
    const recording = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 256));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/job-m/talk.wav', Body: recording, ContentType: 'audio/wav' }));
    const url = await store.presignDownload('uploads/job-m/talk.wav', 1);

    // The player's Range header is not signed, as in S3: a presigned GET signs only the host.
    const range = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe('bytes 1000-1999/4096');
    expect(Buffer.from(await range.arrayBuffer()).equals(recording.subarray(1000, 2000))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const late = await fetch(url, { headers: { range: 'bytes=2000-2999' } });
    expect(late.status).toBe(403);
    expect(await late.text()).toEqual(s3Error('AccessDenied'));
  });

  it("answers CORS for the allowed page's origin only, and never with a wildcard", async () => {
    const upload = await formFor('uploads/job-l/talk.vtt');
    const { url } = upload;
    const preflight = (origin: string) => fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

    const allowed = await preflight(PAGE_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect((await preflight('http://127.0.0.1:9999')).status).toBe(403);

    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([CAPTIONS], { type: 'text/vtt' }), 'talk.vtt');
    const sent = await fetch(url, { method: 'POST', headers: { origin: PAGE_ORIGIN }, body: form });
    expect(sent.status).toBe(204);
    expect(sent.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);

    // A refusal carries them too, so the page can read why; a page on another origin gets none.
    const retyped = new FormData();
    for (const [name, value] of Object.entries({ ...upload.fields, 'Content-Type': 'text/html' })) retyped.append(name, value);
    retyped.append('file', new Blob([CAPTIONS], { type: 'text/html' }), 'talk.html');
    const refused = (origin: string) => fetch(url, { method: 'POST', headers: { origin }, body: retyped });
    const own = await refused(PAGE_ORIGIN);
    expect(own.status).toBe(403);
    expect(own.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    const other = await refused('http://127.0.0.1:9999');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
