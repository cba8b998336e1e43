import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { RuntimeConfig } from './config';
import { UNSET_KEY_VALUE } from './deployed-names';

/** Re-read at most this often, so a key set or rotated in Secrets Manager is picked up within minutes. */
const SECRET_MAX_AGE_SECONDS = 300;

/* The stack creates each secret holding UNSET_KEY_VALUE until someone sets a real key; "unset" and blank say the same. */
const isUnset = (value: string) => value.trim() === '' || ['unset', UNSET_KEY_VALUE].includes(value.toLowerCase());

async function readKey(secretArn: string | undefined, setting: string): Promise<string | undefined> {
  if (!secretArn) return undefined;
  let value: unknown;
  try {
    value = await getSecret(secretArn, { maxAge: SECRET_MAX_AGE_SECONDS });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read the ${setting} secret ${secretArn}: ${reason}`, { cause: error });
  }
  return typeof value === 'string' && !isUnset(value) ? value.trim() : undefined;
}

/** The config with the provider keys read from Secrets Manager where secrets are configured (in AWS). */
export async function withProviderKeys(config: RuntimeConfig): Promise<RuntimeConfig> {
  const [transcriptionKey, openAiKey] = await Promise.all([
    readKey(config.transcription.secretArn, config.transcription.provider === 'openai' ? 'speech-to-text server key' : 'AssemblyAI API key'),
    readKey(config.notes.secretArn, 'OpenAI API key'),
  ]);
  return {
    ...config,
    transcription: { ...config.transcription, apiKey: transcriptionKey ?? config.transcription.apiKey },
    notes: { ...config.notes, apiKey: openAiKey ?? config.notes.apiKey },
  };
}
