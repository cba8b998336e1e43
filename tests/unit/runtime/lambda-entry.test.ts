import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDependencies, type Dependencies } from '../../../lambdas/runtime/dependencies';
import { lambdaEntry } from '../../../lambdas/runtime/lambda-entry';

const ASSEMBLYAI_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lecture-notes/assemblyai-AbCdEf';
const OPENAI_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lecture-notes/openai-GhIjKl';
const TRANSCRIPTION_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lecture-notes/transcription-MnOpQr';

const secrets = mockClient(SecretsManagerClient);
const secretValues = new Map<string, string>();

/** A handler that reports which providers it was composed with. */
const entry = () =>
  lambdaEntry((deps: Dependencies) => async () => ({ transcription: Boolean(deps.transcriber), notes: deps.notes.engine.kind }), composeDependencies);

describe('lambdaEntry', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    clearCaches();
    secrets.reset();
    secretValues.clear();
    secrets.on(GetSecretValueCommand).callsFake(({ SecretId }: { SecretId: string }) => ({ SecretString: secretValues.get(SecretId) }));
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      BUCKET_NAME: 'uploads',
      JOBS_TABLE: 'jobs',
      ASSEMBLYAI_SECRET_ARN: ASSEMBLYAI_SECRET,
      OPENAI_SECRET_ARN: OPENAI_SECRET,
      TRANSCRIPTION_SECRET_ARN: TRANSCRIPTION_SECRET,
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    delete process.env.ASSEMBLYAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads the provider keys from Secrets Manager, treating the stack\'s placeholder as no key', async () => {
    secretValues.set(ASSEMBLYAI_SECRET, 'placeholder');
    secretValues.set(OPENAI_SECRET, 'placeholder');
    expect(await entry()({})).toEqual({ transcription: false, notes: 'offline' });
    expect(secrets).toReceiveCommandWith(GetSecretValueCommand, { SecretId: ASSEMBLYAI_SECRET });
  });

  it('uses the providers once their keys are set, and picks up a change without a new container', async () => {
    const handle = entry();
    secretValues.set(ASSEMBLYAI_SECRET, 'placeholder');
    secretValues.set(OPENAI_SECRET, 'placeholder');
    expect(await handle({})).toEqual({ transcription: false, notes: 'offline' });

    secretValues.set(ASSEMBLYAI_SECRET, 'aai-key');
    secretValues.set(OPENAI_SECRET, 'sk-key');
    clearCaches(); // as if the cache's five minutes had passed
    expect(await handle({})).toEqual({ transcription: true, notes: 'openai' });
  });

  it('says which secret it could not read', async () => {
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException: not allowed'));
    await expect(entry()({})).rejects.toThrow(/AssemblyAI API key secret .*assemblyai.*not allowed/);
  });

  it("reads the speech-to-text server's key from its own secret with TRANSCRIPTION_PROVIDER=openai, and never AssemblyAI's", async () => {
    // OpenAI's own endpoint: no base URL, so the key is what makes audio possible.
    process.env.TRANSCRIPTION_PROVIDER = 'openai';
    secretValues.set(ASSEMBLYAI_SECRET, 'aai-key');
    secretValues.set(OPENAI_SECRET, 'placeholder');
    secretValues.set(TRANSCRIPTION_SECRET, 'placeholder');
    expect(await entry()({})).toEqual({ transcription: false, notes: 'offline' });

    secretValues.set(TRANSCRIPTION_SECRET, 'sk-whisper');
    clearCaches();
    expect(await entry()({})).toEqual({ transcription: true, notes: 'offline' });
    expect(secrets).not.toReceiveCommandWith(GetSecretValueCommand, { SecretId: ASSEMBLYAI_SECRET });
  });
});
