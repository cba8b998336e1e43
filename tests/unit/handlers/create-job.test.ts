import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/create-job';
import { CreateJobResponseSchema } from '../../../shared/contracts/api';
import { parseUploadKey } from '../../../shared/domain/object-keys';
import { ACCEPTED_UPLOADS_DESCRIPTION } from '../../../shared/domain/upload-types';
import { TRANSCRIPTION_SETUP_HINT } from '../../../shared/domain/transcription-setup';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { NOW, TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { readFakePresignedUrl } from '../../fixtures/in-memory-object-store';

const captionsRequest = { fileName: 'week-3.vtt', contentType: 'text/vtt', sizeBytes: 2_048 };
const audioRequest = { fileName: 'Week 3 lecture.mp3', contentType: 'audio/mpeg', sizeBytes: 40_000_000 };

/** What POST /jobs needs, with the job store readable by the test. */
type Deps = Parameters<typeof makeHandler>[0] & Pick<ReturnType<typeof testDependencies>, 'jobs'>;

async function postJobs(body: unknown, { deps = testDependencies(), caller = 'student-1' }: { deps?: Deps; caller?: string | null } = {}) {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  const result = await makeHandler(deps)(apiEvent({ method: 'POST', path: '/jobs', caller, body: rawBody }));
  return { result, deps };
}

async function createdJob(body: unknown, deps = testDependencies()) {
  const { result } = await postJobs(body, { deps });
  expect(result.statusCode).toBe(201);
  const response = CreateJobResponseSchema.parse(jsonBodyOf(result));
  const stored = await deps.jobs.get(response.jobId);
  if (!stored) throw new Error(`job ${response.jobId} was answered but not stored`);
  return { response, stored };
}

describe('POST /jobs', () => {
  it('records the job awaiting its upload and answers with where to upload it, for 15 minutes', async () => {
    const { response, stored } = await createdJob(audioRequest);

    expect(stored).toMatchObject({
      jobId: response.jobId,
      owner: 'student-1',
      status: 'awaiting_upload',
      progress: 0,
      fileName: 'Week 3 lecture.mp3',
      sourceKind: 'audio',
      sizeBytes: audioRequest.sizeBytes,
      artifacts: { upload: `uploads/${response.jobId}/Week-3-lecture.mp3` },
    });
    expect(response.expiresAt).toBe(new Date(NOW.getTime() + 15 * 60_000).toISOString());
    expect(readFakePresignedUrl(response.upload.url)).toEqual({
      method: 'POST',
      key: stored.artifacts.upload,
      expiresInSeconds: 15 * 60,
      sizeBytes: audioRequest.sizeBytes,
    });
    expect(response.upload).toMatchObject({ method: 'POST', fields: { key: stored.artifacts.upload, 'Content-Type': 'audio/mpeg' } });
  });

  it('gives every job its own id', async () => {
    const deps = testDependencies();
    const first = await createdJob(captionsRequest, deps);
    const second = await createdJob(captionsRequest, deps);

    expect(second.response.jobId).not.toBe(first.response.jobId);
    expect(deps.jobs.all()).toHaveLength(2);
  });

  it('stores and signs the base content type, without parameters', async () => {
    const { response, stored } = await createdJob({ ...audioRequest, fileName: 'talk.webm', contentType: 'Audio/WebM; codecs=opus' });

    expect(stored.contentType).toBe('audio/webm');
    expect(response.upload.fields['Content-Type']).toBe('audio/webm');
  });

  it('keeps the style chosen at upload for the first version, and refuses one that does not exist', async () => {
    const { stored } = await createdJob({ ...captionsRequest, style: 'exam-prep' });
    expect(stored.style).toBe('exam-prep');
    expect((await createdJob(captionsRequest)).stored.style).toBeUndefined();

    const { result, deps } = await postJobs({ ...captionsRequest, style: 'limerick' });
    expect(result.statusCode).toBe(400);
    expect(jsonBodyOf(result)).toMatchObject({ error: 'InvalidRequest', message: expect.stringContaining('style') });
    expect(await deps.jobs.listByOwner('student-1', 10)).toEqual([]);
  });

  it('refuses a request without a signed-in user and stores nothing', async () => {
    const { result, deps } = await postJobs(captionsRequest, { caller: null });

    expect(result.statusCode).toBe(401);
    expect(apiErrorOf(result).error).toBe('Unauthorized');
    expect(deps.jobs.all()).toEqual([]);
  });

  it.each([
    { case: 'a body that is not JSON', body: '{"fileName": "week-3.vtt",', error: 'InvalidJson', names: 'JSON' },
    { case: 'a missing size', body: { fileName: 'week-3.vtt', contentType: 'text/vtt' }, error: 'InvalidRequest', names: 'sizeBytes' },
    { case: 'a negative size', body: { ...captionsRequest, sizeBytes: -5 }, error: 'InvalidRequest', names: 'sizeBytes' },
    { case: 'a blank file name', body: { ...captionsRequest, fileName: '   ' }, error: 'InvalidRequest', names: 'fileName' },
    // As sent over the wire: JSON.parse turns the escape into a lone surrogate.
    { case: 'a file name with a lone surrogate', body: '{"fileName": "week-3\\ud800.vtt", "contentType": "text/vtt", "sizeBytes": 100}', error: 'InvalidRequest', names: 'fileName' },
    { case: 'a content type with a lone surrogate', body: { ...captionsRequest, contentType: 'text/vtt\udc00' }, error: 'InvalidRequest', names: 'contentType' },
  ])('answers 400 to $case, naming what is wrong', async ({ body, error, names }) => {
    const { result, deps } = await postJobs(body);

    expect(result.statusCode).toBe(400);
    expect(apiErrorOf(result)).toMatchObject({ error, message: expect.stringContaining(names) });
    expect(deps.jobs.all()).toEqual([]);
  });

  it('answers 415 to a type it cannot take notes from, listing what it accepts', async () => {
    const { result } = await postJobs({ fileName: 'slides.pdf', contentType: 'application/pdf', sizeBytes: 9_000 });

    expect(result.statusCode).toBe(415);
    expect(apiErrorOf(result).message).toContain('slides.pdf');
    expect(apiErrorOf(result).message).toContain(ACCEPTED_UPLOADS_DESCRIPTION);
  });

  it('answers 413 above the size limit, saying both sizes', async () => {
    const { result } = await postJobs({ ...audioRequest, sizeBytes: Math.round(2.04 * 1024 ** 3) });

    expect(result.statusCode).toBe(413);
    // Just over the limit must not read as equal to it.
    expect(apiErrorOf(result)).toMatchObject({ error: 'FileTooLarge', message: expect.stringMatching(/2\.04 GB.*limit is 2 GB/) });
  });

  it('takes a file of exactly the limit and refuses one byte more', async () => {
    const atLimit = await postJobs({ ...audioRequest, sizeBytes: TEST_LIMITS.maxUploadBytes });
    const overLimit = await postJobs({ ...audioRequest, sizeBytes: TEST_LIMITS.maxUploadBytes + 1 });

    expect(atLimit.result.statusCode).toBe(201);
    expect(overLimit.result.statusCode).toBe(413);
    const [over, limit] = [TEST_LIMITS.maxUploadBytes + 1, TEST_LIMITS.maxUploadBytes].map((bytes) => `${bytes.toLocaleString('en-US')} bytes`);
    expect(apiErrorOf(overLimit.result).message).toBe(`${audioRequest.fileName} is ${over}; the limit is ${limit}.`);
  });

  it('answers 413 to a caption file too large to hold a lecture within MAX_TRANSCRIPT_WORDS, and stores nothing', async () => {
    const { result, deps } = await postJobs({ ...captionsRequest, sizeBytes: 50 * 1024 ** 2 });

    expect(result.statusCode).toBe(413);
    expect(apiErrorOf(result)).toMatchObject({ error: 'FileTooLarge', message: expect.stringMatching(/50 MB.*60,000 words.*MAX_TRANSCRIPT_WORDS/) });
    expect(deps.jobs.all()).toEqual([]);
    // A three-hour lecture's captions are a quarter of a megabyte.
    expect((await postJobs({ ...captionsRequest, sizeBytes: 232_000 })).result.statusCode).toBe(201);
  });

  it('answers 422 to audio when no speech-to-text provider is configured, but still takes captions', async () => {
    const withoutTranscriber = () => ({ ...testDependencies(), transcriptionConfigured: false });

    const audio = await postJobs(audioRequest, { deps: withoutTranscriber() });
    const captions = await postJobs(captionsRequest, { deps: withoutTranscriber() });

    expect(audio.result.statusCode).toBe(422);
    expect(apiErrorOf(audio.result)).toMatchObject({ error: 'TranscriptionNotConfigured', message: expect.stringContaining(TRANSCRIPTION_SETUP_HINT) });
    expect(audio.deps.jobs.all()).toEqual([]);
    expect(captions.result.statusCode).toBe(201);
  });

  it('answers 413 to audio larger than the speech-to-text server is sent, naming TRANSCRIPTION_MAX_BYTES', async () => {
    const base = testDependencies();
    const withLimit = () => ({ ...base, limits: { ...base.limits, maxAudioBytes: 25 * 1024 ** 2 } });

    const tooLarge = await postJobs({ ...audioRequest, sizeBytes: 30 * 1024 ** 2 }, { deps: withLimit() });
    expect(tooLarge.result.statusCode).toBe(413);
    expect(apiErrorOf(tooLarge.result)).toMatchObject({ error: 'FileTooLarge', message: expect.stringMatching(/30 MB.*25 MB \(TRANSCRIPTION_MAX_BYTES\)/) });
    expect((await postJobs({ ...audioRequest, sizeBytes: 25 * 1024 ** 2 }, { deps: withLimit() })).result.statusCode).toBe(201);
    expect((await postJobs({ ...captionsRequest, sizeBytes: 200_000 }, { deps: withLimit() })).result.statusCode).toBe(201);
  });

  it.each(['../../etc/passwd.vtt', 'C:\\Users\\me\\Lectures\\week 3.vtt', 'notes/../../week-3.srt', '..vtt', '/.hidden.txt', 'Résumé «final» ✓ #3?.vtt', '...//x.srt'])(
    'keeps the file name %j from shaping the upload key',
    async (fileName) => {
      const { response, stored } = await createdJob({ ...captionsRequest, fileName });
      const key = stored.artifacts.upload;

      expect(parseUploadKey(key)?.jobId).toBe(response.jobId);
      expect(key.split('/').slice(2)).toEqual([expect.stringMatching(/^[\w][\w.-]*$/)]);
      expect(readFakePresignedUrl(response.upload.url).key).toBe(key);
      expect(stored.fileName).toBe(fileName.trim());
    },
  );

  it.each([
    { case: 'no body', body: undefined },
    { case: 'null', body: 'null' },
    { case: 'an array', body: '[]' },
    { case: 'a JSON string', body: '"week-3.vtt"' },
    { case: 'a number for the file name', body: { ...captionsRequest, fileName: 42 } },
    { case: 'a size in a string', body: { ...captionsRequest, sizeBytes: '2048' } },
    { case: 'a fractional size', body: { ...captionsRequest, sizeBytes: 10.5 } },
    { case: 'a file name of 300 characters', body: { ...captionsRequest, fileName: `${'a'.repeat(296)}.vtt` } },
    { case: 'an empty content type', body: { ...captionsRequest, contentType: '' } },
    { case: 'a content type of only parameters', body: { ...captionsRequest, contentType: ';charset=utf-8' } },
  ])('answers $case with a 4xx in the API error shape, never a 500', async ({ body }) => {
    const { result } = await postJobs(body);

    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
    expect(apiErrorOf(result).message).not.toBe('');
  });
});
