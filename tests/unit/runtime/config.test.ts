import { describe, expect, it } from 'vitest';
import { configFromEnvironment, transcriptionConfigured } from '../../../lambdas/runtime/config';

const base = { BUCKET_NAME: 'b', JOBS_TABLE: 't' };

describe('the notes model settings', () => {
  it('default to a model OpenAI still serves, thinking at low effort, priced at its list rates', () => {
    const config = configFromEnvironment(base);
    expect(config.notes).toMatchObject({ model: 'gpt-6-luna', reasoningEffort: 'low' });
    expect(config.prices).toMatchObject({ transcriptionPerHourUsd: 0.15, inputPerMillionTokensUsd: 0.1, cachedInputPerMillionTokensUsd: 0.01, outputPerMillionTokensUsd: 0.5 });
  });

  it('send no effort for a server or model that takes none, when it is set empty', () => {
    const config = configFromEnvironment({ ...base, OPENAI_MODEL: 'llama3.1', OPENAI_REASONING_EFFORT: '' });
    expect(config.notes.model).toBe('llama3.1');
    expect(config.notes.reasoningEffort).toBeUndefined();
  });

  it('refuse an effort no model knows, naming the setting', () => {
    expect(() => configFromEnvironment({ ...base, OPENAI_REASONING_EFFORT: 'extreme' })).toThrow(/OPENAI_REASONING_EFFORT/);
  });
});

describe('the speech model setting', () => {
  it('defaults to the AssemblyAI model the transcription price is for', () => {
    expect(configFromEnvironment(base).transcription.speechModel).toBe('universal-2');
  });

  it.each([
    ['a model', 'universal-3-5-pro', 'universal-3-5-pro'],
    ['blank', '  ', 'universal-2'],
  ])('takes ASSEMBLYAI_SPEECH_MODEL when it is %s', (_case, value, model) => {
    expect(configFromEnvironment({ ...base, ASSEMBLYAI_SPEECH_MODEL: value }).transcription.speechModel).toBe(model);
  });
});

describe('the speech-to-text provider', () => {
  it('is AssemblyAI by default, configured by its key alone, with no size limit of ours (it fetches the recording)', () => {
    expect(transcriptionConfigured(configFromEnvironment(base).transcription)).toBe(false);
    const config = configFromEnvironment({ ...base, ASSEMBLYAI_API_KEY: 'aai', TRANSCRIPTION_BASE_URL: 'http://127.0.0.1:8000/v1' });
    expect(config.transcription).toEqual({ provider: 'assemblyai', apiKey: 'aai', baseUrl: undefined, secretArn: undefined, speechModel: 'universal-2' });
    expect(transcriptionConfigured(config.transcription)).toBe(true);
    expect(config.limits.maxAudioBytes).toBeUndefined();
  });

  it('is a Whisper server with TRANSCRIPTION_PROVIDER=openai: its own settings, whisper-1 and 25 MiB unless told', () => {
    const config = configFromEnvironment({ ...base, TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_BASE_URL: 'http://127.0.0.1:8000/v1', ASSEMBLYAI_API_KEY: 'aai' });
    expect(config.transcription).toEqual({ provider: 'openai', apiKey: undefined, secretArn: undefined, baseUrl: 'http://127.0.0.1:8000/v1', speechModel: 'whisper-1' });
    expect(config.limits.maxAudioBytes).toBe(26_214_400);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['a local server with no key', { TRANSCRIPTION_BASE_URL: 'http://127.0.0.1:8000/v1' }, true],
    ['a key alone (OpenAI itself)', { TRANSCRIPTION_API_KEY: 'sk-t' }, true],
    ['neither', { ASSEMBLYAI_API_KEY: 'aai' }, false],
  ])('with TRANSCRIPTION_PROVIDER=openai counts as configured with %s: %s', (_case, env, configured) => {
    expect(transcriptionConfigured(configFromEnvironment({ ...base, TRANSCRIPTION_PROVIDER: 'openai', ...env }).transcription)).toBe(configured);
  });

  it('takes the model, the key and a larger limit for a server of your own', () => {
    const config = configFromEnvironment({
      ...base,
      TRANSCRIPTION_PROVIDER: 'openai',
      TRANSCRIPTION_API_KEY: 'sk-t',
      TRANSCRIPTION_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:t',
      TRANSCRIPTION_MODEL: 'Systran/faster-whisper-small',
      TRANSCRIPTION_MAX_BYTES: String(200 * 1024 ** 2),
    });
    expect(config.transcription).toMatchObject({ apiKey: 'sk-t', secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:t', speechModel: 'Systran/faster-whisper-small' });
    expect(config.limits.maxAudioBytes).toBe(200 * 1024 ** 2);
  });

  it.each([
    ['an unknown provider', { TRANSCRIPTION_PROVIDER: 'whisper' }, /TRANSCRIPTION_PROVIDER/],
    ['a limit past what the function can hold', { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_MAX_BYTES: String(2 * 1024 ** 3) }, /TRANSCRIPTION_MAX_BYTES is at most/],
  ])('refuses %s, naming the setting', (_case, env, message) => {
    expect(() => configFromEnvironment({ ...base, ...env })).toThrow(message);
  });
});

describe('the transcription price', () => {
  it.each<[string, Record<string, string>, number]>([
    ['AssemblyAI', {}, 0.15],
    ["OpenAI's own whisper-1", { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_API_KEY: 'sk-t' }, 0.36],
    ['a server of your own', { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_BASE_URL: 'http://127.0.0.1:8000/v1' }, 0],
    ['what PRICE_TRANSCRIPTION_PER_HOUR_USD says', { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_BASE_URL: 'http://gpu.example/v1', PRICE_TRANSCRIPTION_PER_HOUR_USD: '0.05' }, 0.05],
  ])('is, per hour, the list price of %s', (_case, env, price) => {
    expect(configFromEnvironment({ ...base, ...env }).prices.transcriptionPerHourUsd).toBe(price);
  });
});
