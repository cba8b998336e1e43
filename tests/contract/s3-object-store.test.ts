import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_STAND_IN_CREDENTIALS, startS3StandIn, type CreatedObject, type S3StandIn } from '../../infra/local/stand-ins';
import { createS3Client } from '../../lambdas/adapters/aws-clients';
import { S3ObjectStore } from '../../lambdas/adapters/s3-object-store';

const BUCKET = 'lecture-uploads';
const PAGE_ORIGIN = 'http://127.0.0.1:5173';

let directory: string;
let standIn: S3StandIn;
let client: S3Client;
let store: S3ObjectStore;
const created: CreatedObject[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'uploads-bucket-'));
  standIn = await startS3StandIn({ directory, buckets: [BUCKET] });
  await standIn.allowOrigins([PAGE_ORIGIN]);
  standIn.onObjectCreated((event) => created.push(event));
  client = createS3Client({
    region: 'us-east-1',
    endpoints: { s3: standIn.endpoint },
    s3ForcePathStyle: true,
    credentials: S3_STAND_IN_CREDENTIALS,
  });
  store = new S3ObjectStore({ client, bucket: BUCKET });
});

afterAll(async () => {
  client?.destroy();
  await standIn?.stop();
  await rm(directory, { recursive: true, force: true });
});

async function eventFor(key: string): Promise<CreatedObject> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const event = created.find((candidate) => candidate.key === key);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ObjectCreated event for ${key}; saw ${created.map((event) => event.key).join(', ') || 'none'}`);
}

describe('S3ObjectStore against s3rver', () => {
  it('takes a browser-style upload through the presigned POST form and reads it back', async () => {
    // A space in the key: the notification must not carry it encoded.
    const key = 'uploads/job-1/week 3 captions.vtt';
    const body = 'WEBVTT\n\n00:00.000 --> 00:04.000\nToday: entropy — and why it only grows.\n';
    const upload = await store.presignUpload(key, { contentType: 'text/vtt', sizeBytes: Buffer.byteLength(body), expiresInSeconds: 300 });
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([body], { type: 'text/vtt' }), 'week 3 captions.vtt');

    const response = await fetch(upload.url, { method: upload.method, body: form });

    expect(response.status).toBe(204);
    expect(await eventFor(key)).toEqual({ bucket: BUCKET, key, size: Buffer.byteLength(body) });
    expect(await store.head(key)).toEqual({ sizeBytes: Buffer.byteLength(body), contentType: 'text/vtt' });
    expect(new TextDecoder().decode(await store.readStart(key, 6))).toBe('WEBVTT');
    expect(await store.getText(key)).toBe(body);
  });

  it('lets a page on a configured origin send the upload, and no other page', async () => {
    const { url } = await store.presignUpload('uploads/job-2/lecture.mp3', { contentType: 'audio/mpeg', sizeBytes: 1_000, expiresInSeconds: 300 });
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });

    const allowed = await preflight(PAGE_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
    expect((await preflight('http://127.0.0.1:9999')).status).toBe(403);
  });

  it('reads nothing from an empty object and the whole of a short one', async () => {
    await store.putText('jobs/job-3/empty.txt', '', 'text/plain');
    await store.putText('jobs/job-3/short.txt', 'abc', 'text/plain');

    expect(await store.readStart('jobs/job-3/empty.txt', 64)).toEqual(new Uint8Array());
    expect(new TextDecoder().decode(await store.readStart('jobs/job-3/short.txt', 64))).toBe('abc');
  });

  it('writes text that reads back unchanged, and serves it through a presigned GET', async () => {
    const key = 'jobs/job-4/notes.md';
    const notes = '# Thermodynamics\n\n- ΔS ≥ 0 for an isolated system\n';
    await store.putText(key, notes, 'text/markdown; charset=utf-8');

    const download = await fetch(await store.presignDownload(key, 60));

    expect(download.status).toBe(200);
    expect(await download.text()).toBe(notes);
    expect(await store.getText(key)).toBe(notes);
  });

  it('deletes every object under a prefix that holds more than one listing page', async () => {
    // A long lecture leaves more than 1,000 chunk files: more than one ListObjects page and one DeleteObjects batch.
    const prefix = 'jobs/job-6/';
    const keys = Array.from({ length: 1_001 }, (_, index) => `${prefix}chunks/${String(index).padStart(4, '0')}.json`);
    for (let start = 0; start < keys.length; start += 100) {
      await Promise.all(keys.slice(start, start + 100).map((key) => store.putText(key, '{}', 'application/json')));
    }
    await store.putText('jobs/job-60/notes.json', '{}', 'application/json');

    expect(await store.deletePrefix(prefix)).toBe(keys.length);

    expect(await store.head(keys[0]!)).toBeUndefined();
    expect(await store.head(keys.at(-1)!)).toBeUndefined();
    expect(await store.deletePrefix(prefix)).toBe(0);
    // A neighbour whose key merely starts the same way is not under the prefix.
    expect(await store.head('jobs/job-60/notes.json')).toEqual({ sizeBytes: 2, contentType: 'application/json' });
  });

  it('answers undefined for a missing object and names bucket and key when reading one fails', async () => {
    const key = 'jobs/job-5/missing.json';

    expect(await store.head(key)).toBeUndefined();
    await expect(store.getText(key)).rejects.toSatisfy(
      (error) => error instanceof Error && error.name === 'NoSuchKey' && error.message.includes(`s3://${BUCKET}/${key}`),
    );
  });
});
