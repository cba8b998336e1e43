import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/contracts/api-client';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { silentWav } from '../fixtures/audio';
import type { UploadedFile } from '../fixtures/json-stand-in-server';
import { startTranscriptionStandIn, type TranscriptionStandIn } from '../fixtures/openai-transcription-stand-in';
import { expectStudyNotes, runLecture } from './lecture-run';

const LECTURE_TEXT = [
  'Good morning everyone. Today we study entropy, which is a measure of how many microscopic arrangements fit one macroscopic state.',
  'The second law of thermodynamics says that the entropy of an isolated system never decreases.',
  '',
  'Now let us move on to the Carnot engine. A Carnot engine is an idealised engine that runs a reversible cycle between two reservoirs.',
  'Its efficiency depends only on the temperatures of the two reservoirs. That is all for today.',
].join('\n');

describe('an audio file through the local runtime, transcribed by a Whisper server (TRANSCRIPTION_PROVIDER=openai) played by a stand-in', () => {
  let runtime: LocalRuntime;
  let token: string;
  let whisper: TranscriptionStandIn;

  beforeAll(async () => {
    whisper = await startTranscriptionStandIn({ text: LECTURE_TEXT });
    // No AssemblyAI key and no OpenAI key: nothing but the machine's own server.
    runtime = await startScratchRuntime({
      environment: { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_BASE_URL: whisper.baseURL, NOTES_ENGINE: 'offline', TRANSCRIPTION_MAX_BYTES: '100000' },
      waitOverrides: { WaitForTranscript: 20 },
      retryOverrides: { SubmitTranscription: 10 },
    });
    token = runtime.issueToken('student-1');
  });
  afterAll(async () => {
    await runtime?.stop();
    await whisper?.close();
  });
  beforeEach(() => {
    whisper.requests.length = 0;
    whisper.setBehaviour({ text: LECTURE_TEXT, language: 'english', faults: [] });
  });

  it('sends the recording itself, and the notes follow the words it heard, their times included', async () => {
    const audio = silentWav(2);
    const run = await runLecture(runtime.apiUrl, token, { path: 'entropy-lecture.wav', contentType: 'audio/wav', body: audio });

    expect(run.final.status).toBe('completed');
    expect(run.updates.map((update) => update.status)).toContain('transcribing');
    const uploads = whisper.uploads();
    expect(uploads).toHaveLength(1);
    expect(Buffer.from((uploads[0]!.file as UploadedFile).bytes).equals(Buffer.from(audio))).toBe(true);

    const api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    const notes = expectStudyNotes(await api.getNotes(run.jobId));
    expect(notes.source).toMatchObject({ fileName: 'entropy-lecture.wav', language: 'en', engine: { kind: 'offline' } });
    expect(notes.glossary.map((entry) => entry.term.toLowerCase()).some((term) => term.includes('entropy') || term.includes('carnot'))).toBe(true);
    const transcript = await api.getTranscript(run.jobId);
    expect(transcript.source).toBe('openai-compatible');
    expect(transcript.segments[0]?.text).toMatch(/^Good morning everyone\./);
    expect(transcript.segments.at(-1)!.end).toBeGreaterThan(transcript.segments[0]!.end);
  });

  it('fails the job with a message that names the setting when the server refuses the key', async () => {
    whisper.setBehaviour({ faults: [{ status: 401, message: 'Incorrect API key provided.' }] });
    const run = await runLecture(runtime.apiUrl, token, { path: 'locked.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('failed');
    expect(run.final.error?.stage).toBe('transcribing');
    expect(run.final.error?.message).toMatch(/rejected the API key.*TRANSCRIPTION_API_KEY/);
  });

  it('sends the recording again when the server was busy for a moment: the state machine retries the step', async () => {
    whisper.setBehaviour({ faults: [{ status: 503 }] });
    const run = await runLecture(runtime.apiUrl, token, { path: 'busy.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('completed');
    expect(whisper.uploads()).toHaveLength(2);
  });

  it('refuses audio over TRANSCRIPTION_MAX_BYTES at upload, before anything is sent', async () => {
    const response = await fetch(`${runtime.apiUrl}/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ fileName: 'three-hours.mp3', contentType: 'audio/mpeg', sizeBytes: 200_000 }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'FileTooLarge', message: expect.stringContaining('TRANSCRIPTION_MAX_BYTES') });
    expect(whisper.requests).toHaveLength(0);
  });
});
