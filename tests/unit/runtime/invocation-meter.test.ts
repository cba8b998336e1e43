import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { metered } from '../../../lambdas/runtime/invocation-meter';
import { InMemoryJobRepository } from '../../fixtures/in-memory-job-repository';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const CHUNKING = { state: 'ChunkTranscript', memoryMb: 1024 };

async function repositoryWith(status: 'chunking' | 'completed' = 'chunking') {
  const jobs = new InMemoryJobRepository();
  const job = jobRecord({ jobId: 'job-9', status });
  await jobs.create(job);
  return { jobs, job, usage: async () => (await jobs.get('job-9'))!.usage };
}

describe('metered', () => {
  it('adds one request, the billed milliseconds at the function\'s memory, and the write of the usage itself', async () => {
    const { jobs, job, usage } = await repositoryWith();

    const result = await metered(CHUNKING, jobs, { job: jobRefOf(job) }, async () => {
      await sleep(30);
      return { keys: ['a'], count: 1 };
    });

    expect(result).toEqual({ keys: ['a'], count: 1 });
    const added = await usage();
    expect(added).toMatchObject({ lambdaRequests: 1, dynamoWriteUnits: 1 });
    // Nothing was asked of S3 or read from DynamoDB: those stay unwritten.
    expect([added.s3WriteRequests, added.s3ReadRequests, added.dynamoReadUnits]).toEqual([undefined, undefined, undefined]);
    // At least the 30 ms it slept, rounded up to whole milliseconds, times 1,024 MB.
    expect(added.lambdaMbMilliseconds! % 1024).toBe(0);
    expect(added.lambdaMbMilliseconds! / 1024).toBeGreaterThanOrEqual(29);
    expect(added.lambdaMbMilliseconds! / 1024).toBeLessThan(1_000);
  });

  it('counts the task\'s own state and the flow states its result leads through', async () => {
    const { jobs, job, usage } = await repositoryWith();
    const ref = jobRefOf(job);

    // ChunkTranscript, then the Map.
    await metered(CHUNKING, jobs, { job: ref }, async () => ({ keys: ['a'], count: 1 }));
    expect((await usage()).stateTransitions).toBe(2);
    // StartJob of an audio job with no transcript: DuplicateEvent, TranscriptStored and CaptionsOrAudio follow it.
    await metered({ state: 'StartJob', memoryMb: 512 }, jobs, { run: { jobId: 'job-9', attempt: 1, uploadKey: ref.uploadKey }, runId: 'r' }, async () => ({ ...ref, sourceKind: 'audio' }));
    expect((await usage()).stateTransitions).toBe(2 + 4);
    // A Map iteration names its job at the top of its input, and nothing follows it.
    await metered({ state: 'GenerateChunkNotes', memoryMb: 1024 }, jobs, { jobId: 'job-9', chunkKey: 'k', chunkIndex: 0 }, async () => null);
    expect((await usage()).stateTransitions).toBe(2 + 4 + 1);
  });

  it('meters a failed invocation (its own state only, the Catch leads to another task) and throws its error on', async () => {
    const { jobs, job, usage } = await repositoryWith();

    await expect(
      metered(CHUNKING, jobs, { job: jobRefOf(job) }, async () => {
        throw new Error('StorageUnavailable');
      }),
    ).rejects.toThrow('StorageUnavailable');

    expect(await usage()).toMatchObject({ stateTransitions: 1, lambdaRequests: 1 });
  });

  it('adds a retried step again, as AWS bills it again, on a completed job too (a later version\'s run)', async () => {
    const { jobs, job, usage } = await repositoryWith('completed');
    const step = () => metered(CHUNKING, jobs, { job: jobRefOf(job) }, async () => ({ keys: ['a'], count: 1 }));

    await step();
    await step();

    expect(await usage()).toMatchObject({ lambdaRequests: 2, stateTransitions: 4, dynamoWriteUnits: 2 });
  });

  it('charges nothing when the input names no job, and never fails the step when the usage cannot be written', async () => {
    const { jobs, usage } = await repositoryWith();
    await expect(metered(CHUNKING, jobs, { nothing: true }, async () => 'done')).resolves.toBe('done');
    expect((await usage()).lambdaRequests).toBeUndefined();

    jobs.addUsage = async () => {
      throw new Error('DynamoDB is unreachable');
    };
    await expect(metered(CHUNKING, jobs, { jobId: 'job-9' }, async () => 'done')).resolves.toBe('done');
  });

  it('bills from the moment it is given: a cold start\'s caller gives the process\'s start', async () => {
    const { jobs, job, usage } = await repositoryWith();

    await metered(CHUNKING, jobs, { job: jobRefOf(job) }, async () => ({ keys: ['a'], count: 1 }), { since: performance.now() - 400 });

    expect((await usage()).lambdaMbMilliseconds! / 1024).toBeGreaterThanOrEqual(400);
  });
});
