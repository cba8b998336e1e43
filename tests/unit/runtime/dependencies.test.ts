import { describe, expect, it } from 'vitest';
import { OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../../../lambdas/adapters/offline-notes/offline-notes-reducer';
import { OpenAiNotesGenerator } from '../../../lambdas/adapters/openai-notes-generator';
import { OpenAiNotesReducer } from '../../../lambdas/adapters/openai-notes-reducer';
import { AssemblyAiTranscriber } from '../../../lambdas/adapters/assemblyai-transcriber';
import { OpenAiCompatibleTranscriber } from '../../../lambdas/adapters/openai-compatible-transcriber';
import { configFromEnvironment } from '../../../lambdas/runtime/config';
import { composeNotes } from '../../../lambdas/runtime/notes-dependencies';
import { composeTranscription } from '../../../lambdas/runtime/transcription-dependencies';

const configOf = (env: Record<string, string> = {}) => configFromEnvironment({ BUCKET_NAME: 'lecture-uploads', JOBS_TABLE: 'jobs', ...env });
const compose = (env: Record<string, string> = {}) => composeNotes(configOf(env));

describe('composeTranscription', () => {
  it('has a transcriber only when an AssemblyAI key is set, and no notes engine', () => {
    expect(composeTranscription(configOf()).transcriber).toBeUndefined();
    const deps = composeTranscription(configOf({ ASSEMBLYAI_API_KEY: 'aai-test' }));
    expect(deps.transcriber).toBeInstanceOf(AssemblyAiTranscriber);
    expect(deps).not.toHaveProperty('notes');
  });
});

describe('composeNotes', () => {
  it('writes chunk notes and the reduce offline when no OpenAI key or server is set', () => {
    const deps = compose();

    expect(deps.notes).toBeInstanceOf(OfflineNotesGenerator);
    expect(deps.reducer).toBeInstanceOf(OfflineNotesReducer);
  });

  it.each<Record<string, string>>([{ OPENAI_API_KEY: 'sk-test' }, { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }])('uses OpenAI for both, on the same model, with %o', (env) => {
    const deps = compose({ ...env, OPENAI_MODEL: 'gpt-test-mini' });

    expect(deps.notes).toBeInstanceOf(OpenAiNotesGenerator);
    expect(deps.reducer).toBeInstanceOf(OpenAiNotesReducer);
    expect(deps.reducer.engine).toEqual(deps.notes.engine);
    expect(deps.reducer.engine).toEqual({ kind: 'openai', model: 'gpt-test-mini' });
  });

  it('keeps to the offline engine for both when told to, key or not', () => {
    const deps = compose({ OPENAI_API_KEY: 'sk-test', NOTES_ENGINE: 'offline' });

    expect(deps.notes).toBeInstanceOf(OfflineNotesGenerator);
    expect(deps.reducer).toBeInstanceOf(OfflineNotesReducer);
  });
});

describe('the composed transcriber', () => {
  it.each<[string, Record<string, string>, unknown]>([
    ['none without a provider', {}, undefined],
    ['AssemblyAI with its key', { ASSEMBLYAI_API_KEY: 'aai' }, AssemblyAiTranscriber],
    ['a Whisper server with TRANSCRIPTION_PROVIDER=openai and its address', { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_BASE_URL: 'http://127.0.0.1:8000/v1' }, OpenAiCompatibleTranscriber],
    ['none with TRANSCRIPTION_PROVIDER=openai and only an AssemblyAI key', { TRANSCRIPTION_PROVIDER: 'openai', ASSEMBLYAI_API_KEY: 'aai' }, undefined],
  ])('is %s', (_case, env, kind) => {
    const deps = composeTranscription(configOf(env));
    if (kind === undefined) expect(deps.transcriber).toBeUndefined();
    else expect(deps.transcriber).toBeInstanceOf(kind);
    expect(deps.transcriptionConfigured).toBe(kind !== undefined);
  });
});
