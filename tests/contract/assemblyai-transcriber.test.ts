import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssemblyAiTranscriber, type AssemblyAiTranscriberOptions } from '../../lambdas/adapters/assemblyai-transcriber';
import { TranscriptSchema, type Transcript } from '../../shared/contracts/transcript';
import { parseCaptions } from '../../shared/domain/captions';
import { chunkTranscript } from '../../shared/domain/chunking';
import { PROVIDER_RATES } from '../../shared/domain/provider-rates';
import { jobErrorOf } from '../fixtures/job-error-of';
import type { TranscriptionCheck } from '../../shared/ports/transcriber';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';

const API_KEY = 'aai-test-key';
const AUDIO_URL = 'https://bucket.example/lecture.mp3?X-Amz-Signature=abc';

let standIn: AssemblyAiStandIn;
let sleeps: number[];

beforeEach(async () => {
  standIn = await startAssemblyAiStandIn({ apiKey: API_KEY });
  sleeps = [];
});
afterEach(() => standIn.close());

const transcriberFor = (options: Partial<AssemblyAiTranscriberOptions> = {}) =>
  new AssemblyAiTranscriber({
    apiKey: API_KEY,
    baseUrl: standIn.baseUrl,
    speechModel: PROVIDER_RATES.transcription.speechModel,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });

/** What the provider itself answered for a transcript, read straight from the stand-in. */
async function providerTranscript(id: string) {
  const response = await fetch(`${standIn.baseUrl}/v2/transcript/${id}`, { headers: { authorization: API_KEY } });
  return (await response.json()) as { words: { text: string; start: number; end: number; confidence: number }[] };
}

async function checkUntilDone(transcriber: AssemblyAiTranscriber, id: string): Promise<{ check: TranscriptionCheck; polls: number }> {
  for (let polls = 1; polls <= 10; polls++) {
    const check = await transcriber.check(id);
    if (check.state !== 'processing') return { check, polls };
  }
  throw new Error('still processing after 10 checks');
}

async function completedTranscript(transcriber: AssemblyAiTranscriber): Promise<Transcript> {
  const { transcriptId } = await transcriber.submit(AUDIO_URL);
  const { check } = await checkUntilDone(transcriber, transcriptId);
  if (check.state !== 'completed') throw new Error(`expected completed, got ${JSON.stringify(check)}`);
  return check.transcript;
}


describe('AssemblyAiTranscriber against the AssemblyAI stand-in', () => {
  it('submits the audio URL with the API key, the speech model and language detection, and returns the provider transcript id', async () => {
    const { transcriptId } = await transcriberFor({ speechModel: 'universal-3-5-pro' }).submit(AUDIO_URL);

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/transcript' });
    expect(request?.headers.authorization).toBe(API_KEY);
    expect(request?.body).toMatchObject({
      audio_url: AUDIO_URL,
      punctuate: true,
      format_text: true,
      language_detection: true,
      speech_models: ['universal-3-5-pro'],
    });
    const stored = await fetch(`${standIn.baseUrl}/v2/transcript/${transcriptId}`, { headers: { authorization: API_KEY } });
    expect(stored.status).toBe(200);
  });

  it('reports processing until the provider completes, then maps words from milliseconds to seconds', async () => {
    standIn.setBehaviour({ processingPolls: 2 });
    const transcriber = transcriberFor();
    const { transcriptId } = await transcriber.submit(AUDIO_URL);

    const { check, polls } = await checkUntilDone(transcriber, transcriptId);

    expect(polls).toBe(3);
    expect(standIn.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
    if (check.state !== 'completed') throw new Error(`expected completed, got ${check.state}`);
    const { transcript } = check;
    expect(TranscriptSchema.parse(transcript)).toEqual(transcript);
    expect(transcript.source).toBe('assemblyai');
    expect(transcript.language).toBe('en');

    const provider = await providerTranscript(transcriptId);
    expect(transcript.words).toEqual(
      provider.words.map((word) => ({
        text: word.text,
        start: word.start / 1000,
        end: word.end / 1000,
        confidence: word.confidence,
      })),
    );
    const lastWordEnd = provider.words.at(-1)!.end / 1000;
    expect(transcript.durationSeconds).toBeGreaterThanOrEqual(lastWordEnd);
  });

  it.each([
    ['es', 'es', 'es'],
    ['en_us', 'en_us', 'en'],
    ['pt', 'pt', 'pt'],
  ])('gives the transcript the language AssemblyAI detected (%s), which the chunks carry as %s → %s', async (detected, transcriptLanguage, chunkLanguage) => {
    standIn.setBehaviour({ detectedLanguage: detected });

    const transcript = await completedTranscript(transcriberFor());

    expect(transcript.language).toBe(transcriptLanguage);
    expect(chunkTranscript(transcript)[0]!.language).toBe(chunkLanguage);
  });

  it('groups words into sentence segments that keep every word in order', async () => {
    const sentences = ['Entropy measures disorder.', 'Does it always grow?', 'In a closed system it does!'];
    standIn.setBehaviour({ text: sentences.join(' ') });

    const transcript = await completedTranscript(transcriberFor());

    expect(transcript.segments.map((segment) => segment.text)).toEqual(sentences);
    const words = transcript.words!;
    expect(transcript.segments[0]?.start).toBe(words[0]?.start);
    expect(transcript.segments.at(-1)?.end).toBe(words.at(-1)?.end);
    expect(transcript.segments.every((segment) => segment.speaker === undefined)).toBe(true);
  });

  it('ends a segment at a long pause even without punctuation', async () => {
    standIn.setBehaviour({ text: 'so that is the first idea\n\nnow the second idea begins here' });

    const transcript = await completedTranscript(transcriberFor());

    expect(transcript.segments.map((segment) => segment.text)).toEqual([
      'so that is the first idea',
      'now the second idea begins here',
    ]);
    const [first, second] = transcript.segments;
    expect(second!.start - first!.end).toBeGreaterThanOrEqual(1.5);
  });

  it('caps unpunctuated speech at about forty words a segment', async () => {
    const words = Array.from({ length: 100 }, (_, index) => `word${index}`);
    standIn.setBehaviour({ text: words.join(' ') });

    const transcript = await completedTranscript(transcriberFor());

    expect(transcript.segments.length).toBeGreaterThanOrEqual(3);
    expect(transcript.segments.every((segment) => segment.text.split(' ').length <= 40)).toBe(true);
    expect(transcript.segments.map((segment) => segment.text).join(' ')).toBe(words.join(' '));
  });

  it('segments the words exactly as the same transcript uploaded as a .json file', async () => {
    const unpunctuated = Array.from({ length: 45 }, (_, index) => `word${index}`).join(' ');
    standIn.setBehaviour({ text: `She asked “why?” Nobody knew.\n\nso a pause ends this\n\n${unpunctuated} done.` });
    const { transcriptId } = await transcriberFor().submit(AUDIO_URL);
    const { check } = await checkUntilDone(transcriberFor(), transcriptId);
    if (check.state !== 'completed') throw new Error(`expected completed, got ${check.state}`);

    const uploaded = parseCaptions(JSON.stringify(await providerTranscript(transcriptId)), 'lecture.json');

    expect(check.transcript.segments.map((segment) => segment.text).slice(0, 3)).toEqual(['She asked “why?”', 'Nobody knew.', 'so a pause ends this']);
    expect(uploaded.segments).toEqual(check.transcript.segments);
    expect(uploaded.words).toEqual(check.transcript.words);
  });

  it('reports the provider error text when the transcript ends in error', async () => {
    const providerError = 'Transcoding failed. File does not appear to contain audio.';
    standIn.setBehaviour({ transcriptError: providerError, processingPolls: 0 });
    const transcriber = transcriberFor();
    const { transcriptId } = await transcriber.submit(AUDIO_URL);

    expect(await transcriber.check(transcriptId)).toEqual({ state: 'failed', reason: providerError });
  });

  it('fails a completed transcript with no speech in it', async () => {
    standIn.setBehaviour({ text: '', processingPolls: 0 });
    const transcriber = transcriberFor();
    const { transcriptId } = await transcriber.submit(AUDIO_URL);

    const check = await transcriber.check(transcriptId);

    expect(check.state).toBe('failed');
    expect(check.state === 'failed' && check.reason).toMatch(/no speech/i);
  });

  it('retries 429 and 5xx answers with bounded, jittered backoff, then succeeds', async () => {
    standIn.setBehaviour({ faults: [{ status: 429 }, { status: 503 }] });

    const { transcriptId } = await transcriberFor().submit(AUDIO_URL);

    expect(transcriptId).toBeTruthy();
    expect(standIn.requests.map((request) => request.path)).toEqual(Array(3).fill('/v2/transcript'));
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(500);
    expect(sleeps[1]).toBeLessThanOrEqual(1_000);
  });

  it('waits as long as Retry-After says', async () => {
    standIn.setBehaviour({ faults: [{ status: 429, retryAfterSeconds: 3 }] });
    await transcriberFor().submit(AUDIO_URL);

    expect(sleeps).toEqual([3_000]);
    expect(standIn.requests).toHaveLength(2);
  });

  it('gives up after two retries by default with ProviderUnavailable', async () => {
    standIn.setBehaviour({ faults: Array(5).fill({ status: 500 }) });

    const error = await jobErrorOf(transcriberFor().submit(AUDIO_URL));

    expect(error.name).toBe('ProviderUnavailable');
    expect(error.message).toMatch(/AssemblyAI/);
    expect(error.message).toMatch(/HTTP 500/);
    expect(error.message).toMatch(/can be retried/);
    expect(standIn.requests).toHaveLength(3);
  });

  it('makes as many retries as configured', async () => {
    standIn.setBehaviour({ faults: Array(5).fill({ status: 502 }) });

    const error = await jobErrorOf(transcriberFor({ retries: 1 }).check('any-id'));

    expect(error.name).toBe('ProviderUnavailable');
    expect(error.message).toMatch(/HTTP 502/);
    expect(standIn.requests).toHaveLength(2);
  });

  it('does not wait inside the Lambda when Retry-After is far off', async () => {
    standIn.setBehaviour({ faults: [{ status: 503, retryAfterSeconds: 120 }] });

    const error = await jobErrorOf(transcriberFor().submit(AUDIO_URL));

    expect(error.name).toBe('ProviderUnavailable');
    expect(sleeps).toEqual([]);
    expect(standIn.requests).toHaveLength(1);
  });

  it('times out a request that gets no answer and retries it', async () => {
    standIn.setBehaviour({ faults: [{ delayMs: 2_000 }, { delayMs: 2_000 }] });

    const error = await jobErrorOf(transcriberFor({ requestTimeoutMs: 50, retries: 1 }).submit(AUDIO_URL));

    expect(error.name).toBe('ProviderUnavailable');
    expect(error.message).toMatch(/no answer within 50 ms/);
    expect(standIn.requests).toHaveLength(2);
  });

  it('treats an unreachable provider as unavailable', async () => {
    const closedPort = await freePort();

    const error = await jobErrorOf(
      transcriberFor({ baseUrl: `http://127.0.0.1:${closedPort}`, retries: 1 }).submit(AUDIO_URL),
    );

    expect(error.name).toBe('ProviderUnavailable');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(sleeps).toHaveLength(1);
  });

  it('rejects a bad API key at once, naming ASSEMBLYAI_API_KEY', async () => {
    const error = await jobErrorOf(transcriberFor({ apiKey: 'wrong-key' }).submit(AUDIO_URL));

    expect(error.name).toBe('ProviderRejected');
    expect(error.message).toMatch(/ASSEMBLYAI_API_KEY/);
    expect(standIn.requests).toHaveLength(1);
  });

  it('passes on the provider message for any other 4xx, without retrying', async () => {
    standIn.setBehaviour({ faults: [{ status: 400, message: 'Invalid audio_url: the URL is not reachable' }] });

    const error = await jobErrorOf(transcriberFor().submit(AUDIO_URL));

    expect(error.name).toBe('ProviderRejected');
    expect(error.message).toContain('Invalid audio_url: the URL is not reachable');
    expect(standIn.requests).toHaveLength(1);
  });
});

/** A port nothing listens on: bound by the OS, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
