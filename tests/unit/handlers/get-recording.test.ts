import { describe, expect, it } from 'vitest';
import { RECORDING_URL_SECONDS, makeHandler } from '../../../lambdas/handlers/get-recording';
import { RecordingLinkSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { uploadKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { silentWav } from '../../fixtures/audio';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { readFakePresignedUrl } from '../../fixtures/in-memory-object-store';
import { jobRecord } from '../../fixtures/job-record';

const JOB_ID = 'job-7';
const UPLOAD = uploadKey(JOB_ID, 'week-3.wav');

const audioJob = (overrides: Partial<JobRecord> = {}) =>
  jobRecord({ jobId: JOB_ID, fileName: 'week-3.wav', contentType: 'audio/wav', sourceKind: 'audio', status: 'completed', progress: 100, ...overrides });

async function getRecording(job: JobRecord, { caller = 'student-1', uploaded = true } = {}) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  if (uploaded) deps.objects.put(job.artifacts.upload, silentWav(), job.contentType);
  const result = await makeHandler(deps)(apiEvent({ path: `/jobs/${JOB_ID}/recording`, pathParameters: { jobId: JOB_ID }, caller }));
  return { result, now: deps.now() };
}

describe('GET /jobs/{jobId}/recording', () => {
  it("answers the owner a link to the job's own upload, valid for a quarter of an hour, and says until when", async () => {
    const { result, now } = await getRecording(audioJob());

    expect(result.statusCode).toBe(200);
    const link = RecordingLinkSchema.parse(jsonBodyOf(result));
    expect(readFakePresignedUrl(link.url)).toEqual({ method: 'GET', key: UPLOAD, expiresInSeconds: RECORDING_URL_SECONDS });
    expect(RECORDING_URL_SECONDS).toBe(900);
    expect(Date.parse(link.expiresAt) - now.getTime()).toBe(RECORDING_URL_SECONDS * 1000);
  });

  it('answers while the job is still running: the recording plays before the notes are done', async () => {
    const { result } = await getRecording(audioJob({ status: 'transcribing', progress: 10 }));

    expect(result.statusCode).toBe(200);
  });

  it("answers another user's job exactly as a missing one, with no link", async () => {
    const other = await getRecording(audioJob(), { caller: 'student-2' });
    const deps = testDependencies();
    const missing = await makeHandler(deps)(apiEvent({ path: `/jobs/${JOB_ID}/recording`, pathParameters: { jobId: JOB_ID }, caller: 'student-2' }));

    expect(other.result.statusCode).toBe(404);
    expect(apiErrorOf(other.result)).toEqual(apiErrorOf(missing));
    expect(other.result.body).not.toContain('uploads/');
  });

  it('answers 409 NoRecording for a caption upload: its time stamps go to the transcript', async () => {
    const { result } = await getRecording(jobRecord({ jobId: JOB_ID, status: 'completed', progress: 100 }));

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toEqual({ error: 'NoRecording', message: expect.stringContaining('week-3.vtt is a caption file') });
  });

  it('answers 409 UploadNotReceived while the job still awaits its file', async () => {
    const { result } = await getRecording(audioJob({ status: 'awaiting_upload', progress: 0 }), { uploaded: false });

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toEqual({ error: 'UploadNotReceived', message: expect.stringContaining('week-3.wav has not been uploaded yet') });
  });

  it('answers 409 RecordingNotStored once the bucket no longer holds the upload, rather than a link to nothing', async () => {
    const { result } = await getRecording(audioJob(), { uploaded: false });

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toEqual({ error: 'RecordingNotStored', message: expect.stringContaining('no longer stored') });
  });
});
