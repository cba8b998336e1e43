import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/record-failure';
import type { JobRecord } from '../../../shared/contracts/job';
import type { JobStatus } from '../../../shared/contracts/job-status';
import type { CaughtError } from '../../../shared/contracts/pipeline-state';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf, runInputOf } from '../../fixtures/job-record';

const jobIn = (status: JobStatus) => jobRecord({ jobId: 'job-11', status, progress: 40 });

const lambdaError = (errorType: string, errorMessage: string): CaughtError => ({
  Error: errorType,
  Cause: JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at handler (index.mjs:1:1)'] }),
});

/** Records `error` for `job`, the way a Catch hands it over: the run input with `$.job`, unless the input says otherwise. */
async function recordFailure(job: JobRecord, error: CaughtError, input: object = { ...runInputOf(job), job: jobRefOf(job) }) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  await makeHandler(deps)({ ...input, error });
  return { deps, stored: await deps.jobs.get(job.jobId) };
}

describe('RecordFailure', () => {
  it('reports the failure once, with the stage it happened in', async () => {
    const job = jobRecord({ status: 'transcribing' });
    const { deps } = await recordFailure(job, { Error: 'TranscriptionFailed', Cause: 'No speech.' });
    await makeHandler(deps)({ ...runInputOf(job), job: jobRefOf(job), error: { Error: 'TranscriptionFailed', Cause: 'No speech.' } });
    expect(deps.metrics.events).toEqual([{ event: 'jobFailed', detail: { stage: 'transcribing' } }]);
  });

  it('fails the job with the message of the error a Lambda threw', async () => {
    const error = lambdaError('TranscriptionFailed', 'The speech-to-text provider could not transcribe week-3.mp3: no speech found');

    const { stored } = await recordFailure(jobIn('transcribing'), error);

    expect(stored).toMatchObject({
      status: 'failed',
      progress: 40,
      error: { message: 'The speech-to-text provider could not transcribe week-3.mp3: no speech found', stage: 'transcribing', code: 'TranscriptionFailed' },
    });
  });

  it.each([
    { stage: 'transcribing', words: 'transcription' },
    { stage: 'generating_notes', words: 'writing the notes' },
  ] as const)('says a timeout stopped the job during $stage', async ({ stage, words }) => {
    const { stored } = await recordFailure(jobIn(stage), { Error: 'States.Timeout', Cause: 'Task timed out' });

    expect(stored?.error).toMatchObject({ stage, code: 'States.Timeout', message: expect.stringContaining(words) });
  });

  it('says an oversized payload cannot be retried away', async () => {
    const { stored } = await recordFailure(jobIn('chunking'), {
      Error: 'States.DataLimitExceeded',
      Cause: "The result returned by state 'ChunkTranscript' has a size of 300000 bytes, exceeding the maximum number of bytes service limit (262144).",
    });

    expect(stored?.error).toMatchObject({ stage: 'chunking', code: 'States.DataLimitExceeded', message: expect.stringMatching(/256 KB.*Retrying will not help/) });
  });

  it('shows the storage fault and that a retry helps, once the SDK and the state machine gave up', async () => {
    const { stored } = await recordFailure(
      jobIn('generating_notes'),
      lambdaError('StorageUnavailable', 'Could not read s3://b/jobs/j/chunks/00003.json: socket hang up (3 attempts). Storage was busy or out of reach; retry the job in a few minutes.'),
    );

    expect(stored?.error).toMatchObject({ code: 'StorageUnavailable', message: expect.stringMatching(/socket hang up.*retry the job in a few minutes/) });
  });

  it.each(['queued', 'chunking', 'merging'] as const)('records %s as the stage the job failed in', async (stage) => {
    const { stored } = await recordFailure(jobIn(stage), lambdaError('Error', 'socket hang up'));

    expect(stored?.error?.stage).toBe(stage);
  });

  it('leaves a completed job completed', async () => {
    const completed = jobIn('completed');

    const { stored } = await recordFailure(completed, lambdaError('States.TaskFailed', 'late failure'));

    expect(stored).toEqual(completed);
  });

  it('finds the job in the run input when the run failed before StartJob answered', async () => {
    const job = jobIn('queued');

    const { stored } = await recordFailure(job, lambdaError('InvalidUpload', 'week-3.vtt is empty.'), runInputOf(job));

    expect(stored?.error).toMatchObject({ message: 'week-3.vtt is empty.', stage: 'queued' });
  });

  it('leaves a retried job alone when a run of the attempt before it fails', async () => {
    const retried = jobRecord({ jobId: 'job-11', status: 'queued', attempt: 2 });

    const { stored } = await recordFailure(retried, lambdaError('StorageUnavailable', 'socket hang up'), { ...runInputOf(retried), attempt: 1 });

    expect(stored).toEqual(retried);
  });

  it('reports input that names no job as a defect of the definition, leaving the job to the run-end rule', async () => {
    const job = jobIn('queued');
    const deps = testDependencies();
    await deps.jobs.create(job);

    await expect(makeHandler(deps)({ error: { Error: 'States.Runtime' } })).rejects.toMatchObject({ name: 'InvalidStepInput' });
    expect(await deps.jobs.get(job.jobId)).toEqual(job);
  });

  it('returns quietly for a job that does not exist', async () => {
    const deps = testDependencies();
    const missing = jobRefOf(jobIn('queued'));

    await expect(makeHandler(deps)({ jobId: missing.jobId, attempt: 1, job: missing, error: { Error: 'States.Timeout' } })).resolves.toBeUndefined();
    expect(deps.jobs.all()).toEqual([]);
  });
});
