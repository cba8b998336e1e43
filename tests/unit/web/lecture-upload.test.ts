import { describe, expect, it } from 'vitest';
import type { CreateJobRequest, CreateJobResponse } from '../../../shared/contracts/api';
import { ApiError } from '../../../shared/contracts/api-client';
import { UploadCancelled } from '../../../web/src/api/upload-form';
import { FORM_REUSE_MARGIN_MS, LectureUpload, type UploadDependencies, type UploadState } from '../../../web/src/upload/lecture-upload';

const file = { blob: new Blob(['WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n']), name: 'lecture.vtt', contentType: 'text/vtt' };

/** An API and a storage the test steers: each send waits until the test settles it. */
function fakeBackend(now = { ms: Date.parse('2026-03-01T10:00:00Z') }) {
  const created: CreateJobRequest[] = [];
  const deleted: string[] = [];
  const sends: { jobId: string; progress: (sent: number, total: number) => void; signal: AbortSignal; settle: (error?: Error) => void }[] = [];
  const renewed: string[] = [];
  let createFailure: Error | undefined;
  let renewFailure: Error | undefined;
  const deps: UploadDependencies = {
    async createJob(request) {
      if (createFailure) throw createFailure;
      created.push(request);
      const jobId = `job-${created.length}`;
      return { jobId, upload: { url: 'http://127.0.0.1:1/bucket', method: 'POST', fields: { key: `uploads/${jobId}/lecture.vtt` } }, expiresAt: new Date(now.ms + 15 * 60_000).toISOString() } satisfies CreateJobResponse;
    },
    async deleteJob(jobId) {
      deleted.push(jobId);
    },
    async renewUpload(jobId) {
      if (renewFailure) throw renewFailure;
      renewed.push(jobId);
      return { jobId, upload: { url: 'http://127.0.0.1:1/bucket', method: 'POST', fields: { key: `uploads/${jobId}/lecture.vtt` } }, expiresAt: new Date(now.ms + 15 * 60_000).toISOString() };
    },
    sendForm(upload, _file, progress, signal) {
      return new Promise<void>((resolve, reject) => {
        const jobId = upload.fields.key!.split('/')[1]!;
        signal.addEventListener('abort', () => reject(new UploadCancelled()));
        sends.push({ jobId, progress, signal, settle: (error) => (error ? reject(error) : resolve()) });
      });
    },
    nowMs: () => now.ms,
  };
  return {
    deps,
    created,
    deleted,
    renewed,
    sends,
    now,
    failCreate: (error: Error | undefined) => (createFailure = error),
    failRenew: (error: Error | undefined) => (renewFailure = error),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The first send fails; Try again comes when the job's form is about to expire. Resolves once the second attempt is sending. */
async function retriedOnceTheFormIsStale(backend: ReturnType<typeof fakeBackend>): Promise<{ second: Promise<void> }> {
  const upload = new LectureUpload(file, backend.deps, () => undefined);
  const first = upload.start();
  await settle();
  backend.sends[0]!.settle(new Error('network'));
  await first;

  backend.now.ms += 15 * 60_000 - FORM_REUSE_MARGIN_MS + 1;
  const second = upload.start();
  await settle();
  // Wrapped: an async function would otherwise wait for the attempt it hands back.
  return { second };
}

describe('a lecture upload', () => {
  it('creates the job with what was checked, reports bytes as they go, and ends with the job id', async () => {
    const backend = fakeBackend();
    const states: UploadState[] = [];
    const upload = new LectureUpload(file, backend.deps, (state) => states.push(state));
    const done = upload.start();
    await settle();
    expect(backend.created).toEqual([{ fileName: 'lecture.vtt', contentType: 'text/vtt', sizeBytes: file.blob.size }]);
    backend.sends[0]!.progress(500, 1000);
    backend.now.ms += 1000;
    backend.sends[0]!.progress(1000, 1000);
    backend.sends[0]!.settle();
    await done;
    expect(states.map((state) => state.phase)).toEqual(['creating', 'uploading', 'uploading', 'uploading', 'done']);
    expect(states.filter((state) => state.phase === 'uploading').map((state) => state.estimate.percent)).toEqual([0, 50, 100]);
    expect(states.at(-1)).toEqual({ phase: 'done', jobId: 'job-1' });
  });

  it('sends the same file to the same job when tried again after a failed upload', async () => {
    const backend = fakeBackend();
    const states: UploadState[] = [];
    const upload = new LectureUpload(file, backend.deps, (state) => states.push(state));
    const first = upload.start();
    await settle();
    backend.sends[0]!.settle(new Error('The connection to storage dropped during the upload.'));
    await first;
    expect(states.at(-1)).toEqual({ phase: 'failed', message: 'The connection to storage dropped during the upload.', canRetry: true });

    const second = upload.start();
    await settle();
    backend.sends[1]!.settle();
    await second;
    expect(backend.created).toHaveLength(1);
    expect(backend.sends.map((send) => send.jobId)).toEqual(['job-1', 'job-1']);
    expect(states.at(-1)).toEqual({ phase: 'done', jobId: 'job-1' });
    expect(backend.deleted).toEqual([]);
  });

  it('asks the same job for a fresh form when the old one is about to expire', async () => {
    const backend = fakeBackend();
    const { second } = await retriedOnceTheFormIsStale(backend);
    expect(backend.renewed).toEqual(['job-1']);
    expect(backend.created).toHaveLength(1);
    expect(backend.deleted).toEqual([]);
    expect(backend.sends.at(-1)!.jobId).toBe('job-1');
    backend.sends.at(-1)!.settle();
    await second;
  });

  it('asks for a new job when the old one refuses a fresh form, and removes the old job', async () => {
    const backend = fakeBackend();
    backend.failRenew(new ApiError(409, 'UploadReceived', 'The file has arrived already.'));
    const { second } = await retriedOnceTheFormIsStale(backend);
    expect(backend.created).toHaveLength(2);
    expect(backend.deleted).toEqual(['job-1']);
    expect(backend.sends.at(-1)!.jobId).toBe('job-2');
    backend.sends.at(-1)!.settle();
    await second;
  });

  it('cancels mid-upload: stops sending, removes the job, and reports only "cancelled"', async () => {
    const backend = fakeBackend();
    const states: UploadState[] = [];
    const upload = new LectureUpload(file, backend.deps, (state) => states.push(state));
    const running = upload.start();
    await settle();
    upload.cancel();
    await running;
    expect(backend.sends[0]!.signal.aborted).toBe(true);
    expect(backend.deleted).toEqual(['job-1']);
    expect(states.at(-1)).toEqual({ phase: 'cancelled' });
    expect(states.some((state) => state.phase === 'failed')).toBe(false);
  });

  it('never removes a job once its file has arrived', async () => {
    const backend = fakeBackend();
    const upload = new LectureUpload(file, backend.deps, () => undefined);
    const running = upload.start();
    await settle();
    backend.sends[0]!.settle();
    await running;
    upload.discard();
    expect(backend.deleted).toEqual([]);
  });

  it('does not offer a retry when the API refuses the file itself', async () => {
    const backend = fakeBackend();
    backend.failCreate(new ApiError(422, 'TranscriptionUnavailable', 'Audio needs a transcription provider: set ASSEMBLYAI_API_KEY.'));
    const states: UploadState[] = [];
    await new LectureUpload(file, backend.deps, (state) => states.push(state)).start();
    expect(states.at(-1)).toEqual({ phase: 'failed', message: 'Audio needs a transcription provider: set ASSEMBLYAI_API_KEY.', canRetry: false });

    backend.failCreate(new ApiError(0, 'NetworkError', 'Lecture Notes cannot be reached right now.'));
    await new LectureUpload(file, backend.deps, (state) => states.push(state)).start();
    expect(states.at(-1)).toMatchObject({ phase: 'failed', canRetry: true });
  });
});
