import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/contracts/api-client';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { createS3Client } from '../../lambdas/adapters/aws-clients';
import { CreateJobResponseSchema, type CreateJobResponse } from '../../shared/contracts/api';
import { notesKey } from '../../shared/domain/object-keys';
import { runLecture, sendUploadForm, watchJob } from './lecture-run';

const SAMPLE = 'samples/photosynthesis-light-reactions.srt';
const SRT = 'application/x-subrip';

const post = (apiUrl: string, path: string, token: string, body?: unknown) =>
  fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function createJob(apiUrl: string, token: string, sizeBytes: number): Promise<CreateJobResponse> {
  const response = await post(apiUrl, '/jobs', token, { fileName: 'photosynthesis.srt', contentType: SRT, sizeBytes });
  expect(response.status).toBe(201);
  return CreateJobResponseSchema.parse(await response.json());
}

describe('upload forms through the local runtime', () => {
  let runtime: LocalRuntime;
  let alice: string;
  let bob: string;
  let body: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    alice = runtime.issueToken('alice');
    bob = runtime.issueToken('bob');
    body = new Uint8Array(await readFile(SAMPLE));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('renews the form of a job awaiting its upload, and the new form takes the file', async () => {
    const created = await createJob(runtime.apiUrl, alice, body.byteLength);

    const renewed = await post(runtime.apiUrl, `/jobs/${created.jobId}/upload`, alice);
    expect(renewed.status).toBe(200);
    const form = CreateJobResponseSchema.parse(await renewed.json());
    expect(form).toMatchObject({ jobId: created.jobId, upload: { url: created.upload.url, fields: { key: created.upload.fields.key } } });
    expect(form.upload.fields['X-Amz-Signature']).toBeDefined();

    await sendUploadForm(form.upload, { name: 'photosynthesis.srt', contentType: SRT, body });
    const { final } = await watchJob(createApiClient({ baseUrl: runtime.apiUrl, idToken: () => alice }), created.jobId);
    expect(final.status).toBe('completed');

    const again = await post(runtime.apiUrl, `/jobs/${created.jobId}/upload`, alice);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'UploadReceived' });
    const theirs = await post(runtime.apiUrl, `/jobs/${created.jobId}/upload`, bob);
    expect(theirs.status).toBe(404);
  });

  it("refuses one user's form aimed at another user's notes, which stay as they were", async () => {
    const bobs = await runLecture(runtime.apiUrl, bob, { path: SAMPLE, contentType: SRT });
    expect(bobs.final.status).toBe('completed');
    const notesBefore = await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => bob }).getNotesMarkdown(bobs.jobId);
    const forgery = new TextEncoder().encode('# Forged notes\n');
    const alices = await createJob(runtime.apiUrl, alice, forgery.byteLength);

    const aimed = { ...alices.upload, fields: { ...alices.upload.fields, key: `jobs/${bobs.jobId}/notes.md` } };
    await expect(sendUploadForm(aimed, { name: 'notes.md', contentType: SRT, body: new Uint8Array(forgery) })).rejects.toThrow(/403 .*AccessDenied/s);
    const anonymousPut = await fetch(`${runtime.s3Endpoint}/${runtime.config.bucketName}/${notesKey(bobs.jobId)}`, { method: 'PUT', body: '{}' });
    expect(anonymousPut.status).toBe(403);

    expect(await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => bob }).getNotesMarkdown(bobs.jobId)).toBe(notesBefore);
    expect((await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => bob }).getNotes(bobs.jobId)).jobId).toBe(bobs.jobId);
  });

  it('answers 422 naming the job, not 500, when stored notes do not fit their schema', async () => {
    const run = await runLecture(runtime.apiUrl, alice, { path: SAMPLE, contentType: SRT });
    // Damage only the bucket's owner could do, with the stand-in's key.
    const s3 = createS3Client(runtime.config.aws);
    try {
      await s3.send(new PutObjectCommand({ Bucket: runtime.config.bucketName, Key: notesKey(run.jobId), Body: '{"forged":true}', ContentType: 'application/json' }));
    } finally {
      s3.destroy();
    }

    const response = await fetch(`${runtime.apiUrl}/jobs/${run.jobId}/notes`, { headers: { authorization: `Bearer ${alice}` } });
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.error).toBe('StoredDataInvalid');
    expect(answer.message).toContain(run.jobId);
    expect(answer.message).toContain(notesKey(run.jobId));
  });

  it("serves nothing anonymously, and answers CORS for the API's own origin only", async () => {
    const bucketUrl = `${runtime.s3Endpoint}/${runtime.config.bucketName}`;
    for (const url of [`${bucketUrl}?list-type=2`, `${bucketUrl}/${notesKey('any-job')}`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).toContain('<Code>AccessDenied</Code>');
    }
    const preflight = (origin: string) => fetch(bucketUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const own = await preflight(runtime.apiUrl);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(runtime.apiUrl);
    expect((await preflight('http://127.0.0.1:1')).status).toBe(403);
    expect((await preflight('https://evil.example')).status).toBe(403);
  });
});

describe('a form handed out before `npm start` restarts', () => {
  let dataDir: string;
  let runtime: LocalRuntime | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-restart-'));
  });
  afterAll(async () => {
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('still takes the file afterwards, at the same S3 address', async () => {
    const options = { dataDir, persistTable: true, environment: { NOTES_ENGINE: 'offline' } };
    const first = await startLocalRuntime(options);
    const token = first.issueToken('alice');
    const body = new Uint8Array(await readFile(SAMPLE));
    const created = await createJob(first.apiUrl, token, body.byteLength);
    const ports = { apiPort: Number(new URL(first.apiUrl).port), s3Port: Number(new URL(first.s3Endpoint).port) };
    await first.stop();

    // As `npm start` does: the same data folder, the same fixed ports.
    runtime = await startLocalRuntime({ ...options, ...ports });
    expect(runtime.s3Endpoint).toBe(first.s3Endpoint);
    await sendUploadForm(created.upload, { name: 'photosynthesis.srt', contentType: SRT, body });
    const { final } = await watchJob(createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token }), created.jobId);
    expect(final.status).toBe('completed');
  });
});
