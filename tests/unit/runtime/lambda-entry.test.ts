import { clearCaches } from '@aws-lambda-powertools/parameters';
import type { Context } from 'aws-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDependencies, type Dependencies } from '../../../lambdas/runtime/dependencies';
import { lambdaEntry } from '../../../lambdas/runtime/lambda-entry';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

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

  it("adds a pipeline step's usage to its job at the memory Lambda reports, the first invocation with its cold start", async () => {
    secretValues.set(ASSEMBLYAI_SECRET, 'placeholder');
    secretValues.set(OPENAI_SECRET, 'placeholder');
    process.env.PIPELINE_STATE = 'ChunkTranscript';
    const deps = testDependencies();
    const job = jobRecord({ jobId: 'job-3', status: 'chunking' });
    await deps.jobs.create(job);
    const handle = lambdaEntry(() => async () => ({ keys: ['jobs/job-3/chunks/0000.json'], count: 1 }), () => deps);
    const context = { memoryLimitInMB: '1024' } as Context;
    const lambdaMs = async () => ((await deps.jobs.get('job-3'))!.usage.lambdaMbMilliseconds ?? 0) / 1024;

    const sinceStart = performance.now();
    await handle({ job: jobRefOf(job) }, context);
    const first = await lambdaMs();
    await handle({ job: jobRefOf(job) }, context);
    const second = (await lambdaMs()) - first;

    // The process has been starting up (loading modules, as a cold Lambda does) since before the test began.
    expect(first).toBeGreaterThanOrEqual(sinceStart);
    expect(second).toBeLessThan(sinceStart);
    expect((await deps.jobs.get('job-3'))!.usage).toMatchObject({ lambdaRequests: 2, stateTransitions: 4 });
  });

  it('meters nothing for a function that serves no pipeline state', async () => {
    secretValues.set(ASSEMBLYAI_SECRET, 'placeholder');
    secretValues.set(OPENAI_SECRET, 'placeholder');
    delete process.env.PIPELINE_STATE;
    const deps = testDependencies();
    const job = jobRecord({ jobId: 'job-4', status: 'chunking' });
    await deps.jobs.create(job);

    await lambdaEntry(() => async () => 'ok', () => deps)({ job: jobRefOf(job) }, { memoryLimitInMB: '512' } as Context);

    expect((await deps.jobs.get('job-4'))!.usage).toEqual(job.usage);
  });
});
