import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from '../../../lambdas/runtime/config';

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
