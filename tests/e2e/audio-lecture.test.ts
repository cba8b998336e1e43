import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/contracts/api-client';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { silentWav } from '../fixtures/audio';
import { expectStudyNotes, isNonDecreasing, runLecture } from './lecture-run';

const LECTURE_TEXT = [
  'Good morning everyone. Today we study entropy, which is a measure of how many microscopic arrangements fit one macroscopic state.',
  'The second law of thermodynamics says that the entropy of an isolated system never decreases.',
  'There are three consequences. First, heat flows from hot to cold. Second, no engine is perfectly efficient. Third, time has a direction.',
  '',
  'Now let us move on to the Carnot engine. A Carnot engine is an idealised engine that runs a reversible cycle between two reservoirs.',
  'Its efficiency depends only on the temperatures of the two reservoirs. That is all for today.',
].join('\n');

describe('an audio file through the local runtime, with AssemblyAI played by a local stand-in', () => {
  let runtime: LocalRuntime;
  let token: string;
  let assemblyAi: AssemblyAiStandIn;

  beforeAll(async () => {
    assemblyAi = await startAssemblyAiStandIn({ apiKey: 'test-key', text: LECTURE_TEXT, processingPolls: 3 });
    runtime = await startScratchRuntime({
      environment: { ASSEMBLYAI_API_KEY: 'test-key', ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl, NOTES_ENGINE: 'offline' },
      waitOverrides: { WaitForTranscript: 20 },
    });
    token = runtime.issueToken('student-1');
  });
  afterAll(async () => {
    await runtime?.stop();
    await assemblyAi?.close();
  });
  beforeEach(() => {
    assemblyAi.requests.length = 0;
    assemblyAi.setBehaviour({ text: LECTURE_TEXT, processingPolls: 3, transcriptError: undefined, faults: [], detectedLanguage: 'en' });
  });

  it('is transcribed from a URL the provider can fetch, then turned into notes', async () => {
    const audio = silentWav();
    const run = await runLecture(runtime.apiUrl, token, { path: 'entropy-lecture.wav', contentType: 'audio/wav', body: audio });

    expect(run.final.status).toBe('completed');
    expect(run.updates.map((update) => update.status)).toContain('transcribing');
    expect(isNonDecreasing(run.updates.map((update) => update.progress))).toBe(true);
    expect(run.final.usage.audioSeconds).toBeGreaterThan(0);
    const transcription = run.final.cost.lines.find((line) => line.item === 'transcription')!;
    expect(transcription).toMatchObject({ quantity: run.final.usage.audioSeconds / 3600, unit: 'audio hours', rateUsd: 0.15 });
    // The polls of the transcription are Lambda invocations and state transitions too.
    expect(run.final.usage.stateTransitions).toBeGreaterThan(10);

    const submit = assemblyAi.requests.find((request) => request.method === 'POST');
    const audioUrl = (submit?.body as { audio_url: string }).audio_url;
    // The provider downloads the recording itself: the URL must serve exactly what was uploaded.
    const fetched = new Uint8Array(await (await fetch(audioUrl)).arrayBuffer());
    expect(Buffer.from(fetched).equals(audio)).toBe(true);
    const polls = assemblyAi.requests.filter((request) => request.method === 'GET');
    expect(polls.length).toBe(4);

    const notes = expectStudyNotes(await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token }).getNotes(run.jobId));
    expect(notes.source).toMatchObject({ fileName: 'entropy-lecture.wav', language: 'en', engine: { kind: 'offline' } });
    const terms = notes.glossary.map((entry) => entry.term.toLowerCase());
    expect(terms.some((term) => term.includes('entropy') || term.includes('carnot'))).toBe(true);
  });

  it('writes the notes in the language AssemblyAI detected, and says what the offline engine does less well in it', async () => {
    assemblyAi.setBehaviour({ detectedLanguage: 'es' });
    const run = await runLecture(runtime.apiUrl, token, { path: 'clase.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('completed');

    const api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    const notes = expectStudyNotes(await api.getNotes(run.jobId));
    expect(notes.source.language).toBe('es');
    expect(notes.caveats.length).toBeGreaterThan(0);
    expect(await api.getNotesMarkdown(run.jobId)).toContain('Spanish (es)');
  });

  it('fails with the provider\'s own reason when it cannot transcribe', async () => {
    assemblyAi.setBehaviour({ transcriptError: 'Audio duration is too short.', processingPolls: 1 });
    const run = await runLecture(runtime.apiUrl, token, { path: 'short.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('failed');
    expect(run.final.error?.stage).toBe('transcribing');
    expect(run.final.error?.message).toContain('Audio duration is too short.');
  });

  it('refuses audio up front when no speech-to-text provider is configured', async () => {
    const keyless = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    try {
      const response = await fetch(`${keyless.apiUrl}/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keyless.issueToken('student-1')}` },
        body: JSON.stringify({ fileName: 'talk.mp3', contentType: 'audio/mpeg', sizeBytes: 1000 }),
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: 'TranscriptionNotConfigured', message: expect.stringContaining('ASSEMBLYAI_API_KEY') });
    } finally {
      await keyless.stop();
    }
  });
});
