import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { RuntimeConfig } from './config';

/** Re-read at most this often, so a key set or rotated in Secrets Manager is picked up within minutes. */
const SECRET_MAX_AGE_SECONDS = 300;

/* The stack creates each secret with a placeholder until someone sets a real key. */
const isUnset = (value: string) => /^\s*$|^(unset|placeholder)$/i.test(value);

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
  const [assemblyAiKey, openAiKey] = await Promise.all([
    readKey(config.transcription.secretArn, 'AssemblyAI API key'),
    readKey(config.notes.secretArn, 'OpenAI API key'),
  ]);
  return {
    ...config,
    transcription: { ...config.transcription, apiKey: assemblyAiKey ?? config.transcription.apiKey },
    notes: { ...config.notes, apiKey: openAiKey ?? config.notes.apiKey },
  };
}
