import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiCompatibleTranscriber, type OpenAiCompatibleTranscriberOptions } from '../../lambdas/adapters/openai-compatible-transcriber';
import { TranscriptSchema, type Transcript } from '../../shared/contracts/transcript';
import { chunkTranscript } from '../../shared/domain/chunking';
import { speechToTextKey } from '../../shared/domain/object-keys';
import { silentWav } from '../fixtures/audio';
import { InMemoryObjectStore } from '../fixtures/in-memory-object-store';
import { jobErrorOf } from '../fixtures/job-error-of';
import { startJsonStandIn, type UploadedFile } from '../fixtures/json-stand-in-server';
import { startTranscriptionStandIn, DEFAULT_TRANSCRIPTION_BEHAVIOUR, type TranscriptionStandIn } from '../fixtures/openai-transcription-stand-in';

const API_KEY = 'sk-transcription-test';
const JOB_ID = 'job-1234';

/** Plays the bucket's presigned GET: serves what a test put at a path, 404 otherwise. */
let bucket: Server;
let bucketOrigin: string;
const recordings = new Map<string, { bytes: Uint8Array; contentType: string }>();

beforeAll(async () => {
  bucket = createServer((request, response) => {
    const recording = recordings.get(new URL(request.url ?? '/', 'http://bucket').pathname);
    if (!recording) return void response.writeHead(404).end('NoSuchKey');
    response.writeHead(200, { 'content-type': recording.contentType, 'content-length': recording.bytes.byteLength });
    response.end(recording.bytes);
  });
  await new Promise<void>((resolve) => bucket.listen(0, '127.0.0.1', resolve));
  bucketOrigin = `http://127.0.0.1:${(bucket.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => bucket.close(() => resolve())));

function presigned(fileName: string, bytes: Uint8Array = silentWav(), contentType = 'audio/wav'): string {
  const path = `/uploads/${JOB_ID}/${encodeURIComponent(fileName)}`;
  recordings.set(path, { bytes, contentType });
  return `${bucketOrigin}${path}?X-Amz-Signature=abc`;
}

let standIn: TranscriptionStandIn;
let objects: InMemoryObjectStore;

beforeEach(async () => {
  standIn = await startTranscriptionStandIn({ apiKey: API_KEY });
  objects = new InMemoryObjectStore();
});
afterEach(() => standIn.close());

const transcriberFor = (options: Partial<OpenAiCompatibleTranscriberOptions> = {}) =>
  new OpenAiCompatibleTranscriber({
    apiKey: API_KEY,
    baseURL: standIn.baseURL,
    model: 'Systran/faster-whisper-small',
    objects,
    maxAudioBytes: 25 * 1024 ** 2,
    requestTimeoutMs: 5_000,
    downloadTimeoutMs: 5_000,
    ...options,
  });

async function transcribed(transcriber = transcriberFor(), audioUrl = presigned('lecture.wav')): Promise<Transcript> {
  const { transcriptId } = await transcriber.submit(audioUrl, JOB_ID);
  const check = await transcriber.check(transcriptId);
  if (check.state !== 'completed') throw new Error(`expected completed, got ${JSON.stringify(check)}`);
  return check.transcript;
}

describe('OpenAiCompatibleTranscriber against a stand-in for /v1/audio/transcriptions', () => {
  it('uploads the recording itself, with the model, verbose_json and segment and word timestamps', async () => {
    const audio = silentWav(2);
    await transcriberFor().submit(presigned('Lecture 3 – entropy.wav', audio), JOB_ID);

    const [form] = standIn.uploads();
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(form).toMatchObject({ model: 'Systran/faster-whisper-small', response_format: 'verbose_json', 'timestamp_granularities[]': ['segment', 'word'] });
    const file = form?.file as UploadedFile;
    expect(file.fileName).toBe('Lecture 3 – entropy.wav');
    expect(file.type).toBe('audio/wav');
    expect(Buffer.from(file.bytes).equals(Buffer.from(audio))).toBe(true);
  });

  it('keeps the answer among the job\'s artifacts, and the check answers completed at once, with no second request', async () => {
    const transcriber = transcriberFor();
    const { transcriptId } = await transcriber.submit(presigned('lecture.wav'), JOB_ID);
    expect(transcriptId).toBe(JOB_ID);
    expect(objects.writes).toEqual([speechToTextKey(JOB_ID)]);

    const check = await transcriber.check(transcriptId);
    expect(check.state).toBe('completed');
    expect(standIn.uploads()).toHaveLength(1);
  });

  it('maps words and segments to the transcript contract, in seconds, with the language as a tag', async () => {
    standIn.setBehaviour({ text: 'First sentence here. Second one follows.\n\nAfter a pause, a third.', language: 'english' });
    const transcript = TranscriptSchema.parse(await transcribed());

    expect(transcript.source).toBe('openai-compatible');
    expect(transcript.language).toBe('en');
    expect(transcript.words?.map((word) => word.text)).toEqual(['First', 'sentence', 'here.', 'Second', 'one', 'follows.', 'After', 'a', 'pause,', 'a', 'third.']);
    expect(transcript.segments.map((segment) => segment.text)).toEqual(['First sentence here.', 'Second one follows.', 'After a pause, a third.']);
    const words = transcript.words!;
    expect(transcript.segments[0]).toMatchObject({ start: words[0]!.start, end: words[2]!.end });
    // The blank line is a 2 s pause between "follows." and "After".
    expect(words[6]!.start - words[5]!.end).toBeGreaterThan(2);
    expect(transcript.durationSeconds).toBeGreaterThan(words.at(-1)!.end);
    expect(chunkTranscript(transcript).length).toBeGreaterThan(0);
  });

  it.each([
    ['spanish', 'es'],
    ['haitian creole', 'ht'],
    ['de', 'de'],
    ['klingon', undefined],
  ])('reads the language "%s" as %s', async (language, tag) => {
    standIn.setBehaviour({ language });
    expect((await transcribed()).language).toBe(tag);
  });

  it('keeps the segments when the server gives no word timestamps', async () => {
    standIn.setBehaviour({ wordTimestamps: false });
    const transcript = await transcribed();
    expect(transcript.words).toBeUndefined();
    expect(transcript.segments.length).toBe(2);
  });

  it('reports no speech as a failed transcription, through the check', async () => {
    standIn.setBehaviour({ text: '' });
    const transcriber = transcriberFor();
    const { transcriptId } = await transcriber.submit(presigned('silence.wav'), JOB_ID);
    expect(await transcriber.check(transcriptId)).toEqual({ state: 'failed', reason: expect.stringContaining('no speech') });
  });

  it('sends a placeholder key to a server that wants none', async () => {
    await standIn.close();
    standIn = await startTranscriptionStandIn();
    await transcribed(transcriberFor({ apiKey: undefined }));
    expect(standIn.requests[0]?.headers.authorization).toBe('Bearer local');
  });

  describe('failures', () => {
    it('refuses a recording over the limit before sending it, naming TRANSCRIPTION_MAX_BYTES', async () => {
      const error = await jobErrorOf(transcriberFor({ maxAudioBytes: 1000 }).submit(presigned('long.wav', silentWav(1)), JOB_ID));
      expect(error.name).toBe('LectureTooLarge');
      expect(error.message).toMatch(/long\.wav is 7\.9 KB.*at most 1,000 bytes \(TRANSCRIPTION_MAX_BYTES\)/);
      expect(standIn.requests).toHaveLength(0);
    });

    it('passes on the server\'s own 413, naming TRANSCRIPTION_MAX_BYTES', async () => {
      standIn.setBehaviour({ maxFileBytes: 100 });
      const error = await jobErrorOf(transcriberFor().submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('LectureTooLarge');
      expect(error.message).toContain('Maximum content size limit (100) exceeded');
      expect(error.message).toContain('TRANSCRIPTION_MAX_BYTES');
    });

    it('fails the transcription with the server\'s reason when it cannot decode the audio (400)', async () => {
      const error = await jobErrorOf(transcriberFor().submit(presigned('notes.wav', new TextEncoder().encode('not audio at all')), JOB_ID));
      expect(error.name).toBe('TranscriptionFailed');
      expect(error.message).toContain('Invalid file format');
      expect(error.message).toContain('notes.wav');
    });

    it('rejects a bad key at once, naming TRANSCRIPTION_API_KEY (401)', async () => {
      const error = await jobErrorOf(transcriberFor({ apiKey: 'sk-wrong' }).submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('ProviderRejected');
      expect(error.message).toMatch(/rejected the API key.*Incorrect API key provided.*TRANSCRIPTION_API_KEY/);
      expect(standIn.requests).toHaveLength(1);
    });

    it('names TRANSCRIPTION_BASE_URL and TRANSCRIPTION_MODEL when the endpoint is not there (404)', async () => {
      const error = await jobErrorOf(transcriberFor({ baseURL: standIn.baseURL.replace(/\/v1$/, '') }).submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('ProviderRejected');
      expect(error.message).toMatch(/TRANSCRIPTION_BASE_URL ends in \/v1.*TRANSCRIPTION_MODEL/);
    });

    it.each([429, 500, 503])('calls HTTP %i unavailable, for the state machine to retry, after one request', async (status) => {
      standIn.setBehaviour({ faults: [{ status }] });
      const error = await jobErrorOf(transcriberFor().submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('ProviderUnavailable');
      expect(error.message).toContain(`HTTP ${status}`);
      expect(standIn.requests).toHaveLength(1);
      expect(objects.writes).toEqual([]);
    });

    it('gives up when the server takes longer than the request may, without asking again', async () => {
      standIn.setBehaviour({ faults: [{ delayMs: 2_000 }] });
      const error = await jobErrorOf(transcriberFor({ requestTimeoutMs: 300 }).submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('TranscriptionTimedOut');
      expect(error.message).toMatch(/did not finish transcribing lecture\.wav.*TRANSCRIPTION_MODEL/);
      expect(standIn.requests).toHaveLength(1);
    });

    it('says the server is not reachable when nothing listens at the address', async () => {
      const address = standIn.baseURL;
      await standIn.close();
      const error = await jobErrorOf(transcriberFor({ baseURL: address }).submit(presigned('lecture.wav'), JOB_ID));
      expect(error.name).toBe('ProviderUnavailable');
      expect(error.message).toMatch(/could not be reached \(.*ECONNREFUSED.*\).*TRANSCRIPTION_BASE_URL/);
      standIn = await startTranscriptionStandIn();
    });

    it('names a server whose answer is not verbose_json', async () => {
      await standIn.close();
      // A server that takes the request but answers something else entirely.
      const odd = await startJsonStandIn(() => ({ status: 200, body: { segments: 'none' } }));
      try {
        const error = await jobErrorOf(transcriberFor({ baseURL: `${odd.origin}/v1` }).submit(presigned('lecture.wav'), JOB_ID));
        expect(error.name).toBe('ProviderRejected');
        expect(error.message).toContain("did not answer with OpenAI's verbose_json");
      } finally {
        await odd.close();
        standIn = await startTranscriptionStandIn();
      }
    });

    it('leaves a recording the bucket does not have as an error naming the file, asking no server', async () => {
      const error = await transcriberFor().submit(`${bucketOrigin}/uploads/${JOB_ID}/gone.wav`, JOB_ID).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/Could not read gone\.wav .*HTTP 404/);
      expect(standIn.requests).toHaveLength(0);
    });
  });
});

it('the stand-in holds clients to OpenAI\'s rule: word timestamps need verbose_json', async () => {
  const standIn = await startTranscriptionStandIn();
  try {
    const form = new FormData();
    form.set('file', new Blob([silentWav()], { type: 'audio/wav' }), 'a.wav');
    form.set('model', 'whisper-1');
    form.append('timestamp_granularities[]', 'word');
    const response = await fetch(`${standIn.baseURL}/audio/transcriptions`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(DEFAULT_TRANSCRIPTION_BEHAVIOUR.maxFileBytes).toBe(26_214_400);
  } finally {
    await standIn.close();
  }
});
