import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbStandIn, ensureJobsTable, type StandIn } from '../../infra/local/stand-ins';
import { createDynamoDbClient } from '../../lambdas/adapters/aws-clients';
import { DynamoJobRepository } from '../../lambdas/adapters/dynamo-job-repository';
import type { JobRecord, NotesVersion } from '../../shared/contracts/job';
import type { JobStatus } from '../../shared/contracts/job-status';
import { JobError } from '../../shared/domain/job-error';
import { unfinishedVersion } from '../../shared/domain/job-lifecycle';
import type { JobRepository } from '../../shared/ports/job-repository';
import { InMemoryJobRepository } from '../fixtures/in-memory-job-repository';
import { jobRecord } from '../fixtures/job-record';

const TABLE = 'jobs';

let directory: string;
let standIn: StandIn;
let client: DynamoDBClient;
let repository: JobRepository;
let clock = new Date('2030-03-01T09:00:00.000Z');
const tick = () => (clock = new Date(clock.getTime() + 1_000));

const connect = (endpoint: string) =>
  createDynamoDbClient({
    region: 'us-east-1',
    endpoints: { dynamodb: endpoint },
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'jobs-table-'));
  standIn = await startDynamoDbStandIn({ path: directory });
  client = connect(standIn.endpoint);
  await ensureJobsTable(client, TABLE);
});

afterAll(async () => {
  client?.destroy();
  await standIn?.stop();
  await rm(directory, { recursive: true, force: true });
});

function newJob(status: JobStatus, overrides: Partial<JobRecord> = {}): JobRecord {
  const createdAt = clock.toISOString();
  return jobRecord({
    jobId: randomUUID(),
    status,
    fileName: 'week-3.mp3',
    contentType: 'audio/mpeg',
    sizeBytes: 48_000,
    sourceKind: 'audio',
    createdAt,
    updatedAt: createdAt,
    stageTimes: { [status]: createdAt },
    artifacts: { upload: 'uploads/job/week-3.mp3' },
    ...overrides,
  });
}

async function storedJob(status: JobStatus, overrides: Partial<JobRecord> = {}): Promise<JobRecord> {
  const job = newJob(status, overrides);
  await repository.create(job);
  tick();
  return job;
}

const reread = async (jobId: string) => {
  const job = await repository.get(jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  return job;
};

/* One contract, two implementations: the in-memory fake the handler tests use must keep the same promises. */
describe.each([
  ['DynamoJobRepository against dynalite', () => new DynamoJobRepository({ client, tableName: TABLE, now: () => clock })],
  ['InMemoryJobRepository', () => new InMemoryJobRepository({ now: () => clock })],
])('%s', (_, makeRepository: () => JobRepository) => {
  beforeAll(() => {
    repository = makeRepository();
  });

  it('creates a job once and refuses a second job with the same id', async () => {
    const job = await storedJob('awaiting_upload');

    await expect(repository.create({ ...job, owner: 'someone-else' })).rejects.toThrow(/already exists/);
    expect(await repository.get(job.jobId)).toEqual(job);
  });

  it('moves a job forward and records the changes, the progress and when', async () => {
    const job = await storedJob('queued');

    expect(await repository.advance(job.jobId, 'transcribing', { transcriptionId: 'tr-42', audioSeconds: 3_600 })).toBe(true);
    const enteredTranscribing = clock.toISOString();
    tick();
    expect(await repository.advance(job.jobId, 'chunking', { artifacts: { transcript: 'jobs/x/transcript.json' } })).toBe(true);

    const stored = await reread(job.jobId);
    expect(stored).toMatchObject({
      status: 'chunking',
      progress: 32,
      transcriptionId: 'tr-42',
      usage: { inputTokens: 0, outputTokens: 0, audioSeconds: 3_600 },
      artifacts: { upload: job.artifacts.upload, transcript: 'jobs/x/transcript.json' },
      updatedAt: clock.toISOString(),
    });
    expect(stored.stageTimes).toEqual({
      queued: job.createdAt,
      transcribing: enteredTranscribing,
      chunking: clock.toISOString(),
    });
  });

  it('refuses to move a job backwards', async () => {
    const job = await storedJob('chunking');

    expect(await repository.advance(job.jobId, 'transcribing')).toBe(false);
    expect(await reread(job.jobId)).toEqual(job);
  });

  it('treats a move to the current status as done without lowering progress or rewriting its time', async () => {
    const job = await storedJob('queued');
    await repository.advance(job.jobId, 'generating_notes', { chunksTotal: 4 });
    const before = await reread(job.jobId);
    await repository.raiseProgress(job.jobId, 'generating_notes', 70);
    tick();

    expect(await repository.advance(job.jobId, 'generating_notes', { chunksTotal: 9 })).toBe(true);
    expect(await reread(job.jobId)).toEqual({ ...before, progress: 70 });
  });

  it('changes nothing once a job has completed', async () => {
    const job = await storedJob('completed', { progress: 100 });

    expect(await repository.advance(job.jobId, 'merging')).toBe(false);
    expect(await repository.advance(job.jobId, 'completed')).toBe(true);
    expect(await repository.fail(job.jobId, { message: 'late failure', stage: 'merging', code: 'Boom' })).toBe(false);
    await repository.raiseProgress(job.jobId, 'completed', 100);
    expect(await reread(job.jobId)).toEqual(job);
  });

  it('marks an unfinished job failed once, keeping its progress and the first failure', async () => {
    const job = await storedJob('transcribing', { progress: 17 });
    const failure = { message: 'The recording has no speech we could transcribe.', stage: 'transcribing', code: 'TranscriptionFailed' } as const;

    expect(await repository.fail(job.jobId, failure)).toBe(true);
    const failedAt = clock.toISOString();
    tick();
    expect(await repository.fail(job.jobId, { ...failure, message: 'second' })).toBe(false);
    expect(await repository.advance(job.jobId, 'chunking')).toBe(false);

    const stored = await reread(job.jobId);
    expect(stored).toMatchObject({ status: 'failed', progress: 17, error: failure, updatedAt: failedAt });
    expect(stored.stageTimes.failed).toBe(failedAt);
  });

  it('counts each chunk once when its step runs twice at the same time', async () => {
    const job = await storedJob('generating_notes', { chunksTotal: 10 });
    const indexes = Array.from({ length: 10 }, (_, index) => index);
    const usageOf = (index: number) => ({ inputTokens: 1_000 + index, outputTokens: 100 + index });

    const tallies = await Promise.all(
      [...indexes, ...indexes].map((index) => repository.recordChunkDone(job.jobId, index, usageOf(index))),
    );

    const stored = await reread(job.jobId);
    expect(stored.chunksDone).toBe(10);
    expect(stored.usage.inputTokens).toBe(indexes.reduce((sum, index) => sum + usageOf(index).inputTokens, 0));
    expect(stored.usage.outputTokens).toBe(indexes.reduce((sum, index) => sum + usageOf(index).outputTokens, 0));
    expect(Math.max(...tallies.map((tally) => tally.chunksDone))).toBe(10);
    expect(tallies.every((tally) => tally.chunksTotal === 10)).toBe(true);
    expect(stored).not.toHaveProperty('doneChunks');
  });

  it('reports the stored tally without counting once note generation is over', async () => {
    const job = await storedJob('merging', { chunksDone: 3, chunksTotal: 3 });

    expect(await repository.recordChunkDone(job.jobId, 7, { inputTokens: 5, outputTokens: 5 })).toEqual({ chunksDone: 3, chunksTotal: 3 });
    expect((await reread(job.jobId)).usage).toEqual(job.usage);
  });

  it("adds the reduce step's tokens once, however often it is recorded, racing or retried", async () => {
    const job = await storedJob('merging', { usage: { inputTokens: 4_000, outputTokens: 900, audioSeconds: 60 } });
    const usage = { inputTokens: 700, outputTokens: 120 };

    const added = await Promise.all([repository.recordReduceDone(job.jobId, usage), repository.recordReduceDone(job.jobId, usage)]);
    expect(await repository.recordReduceDone(job.jobId, usage)).toBe(false);

    expect(added.filter(Boolean)).toHaveLength(1);
    const stored = await reread(job.jobId);
    expect(stored.usage).toEqual({ inputTokens: 4_700, outputTokens: 1_020, audioSeconds: 60 });
    expect(stored).not.toHaveProperty('reduceCounted');
  });

  it('adds no reduce tokens outside merging, and fails for a job that does not exist', async () => {
    const job = await storedJob('completed');

    expect(await repository.recordReduceDone(job.jobId, { inputTokens: 5, outputTokens: 5 })).toBe(false);
    expect((await reread(job.jobId)).usage).toEqual(job.usage);
    await expect(repository.recordReduceDone('no-such-job', { inputTokens: 5, outputTokens: 5 })).rejects.toThrow(JobError);
  });

  it('adds cached prompt tokens with the rest, once a chunk, when the provider reports them', async () => {
    const job = await storedJob('generating_notes', { chunksTotal: 2 });

    await repository.recordChunkDone(job.jobId, 0, { inputTokens: 1_000, outputTokens: 100, cachedInputTokens: 800 });
    await repository.recordChunkDone(job.jobId, 0, { inputTokens: 1_000, outputTokens: 100, cachedInputTokens: 800 });
    await repository.recordChunkDone(job.jobId, 1, { inputTokens: 500, outputTokens: 50 });

    expect((await reread(job.jobId)).usage).toEqual({ audioSeconds: 0, inputTokens: 1_500, outputTokens: 150, cachedInputTokens: 800 });
  });

  it("adds each invocation's AWS usage, racing steps included, in any status, and touches nothing else", async () => {
    const running = await storedJob('generating_notes', { chunksTotal: 4 });
    const completed = await storedJob('completed');
    const failed = await storedJob('failed');
    const step = { stateTransitions: 1, lambdaRequests: 1, lambdaMbMilliseconds: 1024 * 250, s3WriteRequests: 1, s3ReadRequests: 2, dynamoWriteUnits: 2, dynamoReadUnits: 0.5 };

    await Promise.all(Array.from({ length: 4 }, () => repository.addUsage(running.jobId, step)));
    await repository.addUsage(completed.jobId, { ...step, s3ReadRequests: 0 });
    await repository.addUsage(failed.jobId, step);

    const stored = await reread(running.jobId);
    expect(stored.usage).toEqual({
      ...running.usage,
      stateTransitions: 4,
      lambdaRequests: 4,
      lambdaMbMilliseconds: 4 * 1024 * 250,
      s3WriteRequests: 4,
      s3ReadRequests: 8,
      dynamoWriteUnits: 8,
      dynamoReadUnits: 2,
    });
    expect({ ...stored, usage: running.usage }).toEqual(running);
    // A zero is not written: the field stays absent, as on a job that never used it.
    expect((await reread(completed.jobId)).usage).toMatchObject({ lambdaRequests: 1 });
    expect((await reread(completed.jobId)).usage).not.toHaveProperty('s3ReadRequests');
    expect((await reread(completed.jobId)).status).toBe('completed');
    expect((await reread(failed.jobId)).usage.lambdaRequests).toBe(1);
  });

  it('adds no usage to a job that was deleted, and creates none', async () => {
    const job = await storedJob('completed');
    expect(await repository.delete(job.jobId, { status: 'completed', attempt: 1, versionStatuses: {} })).toBe(true);

    await repository.addUsage(job.jobId, { stateTransitions: 1, lambdaRequests: 1, lambdaMbMilliseconds: 1, s3WriteRequests: 0, s3ReadRequests: 0, dynamoWriteUnits: 1, dynamoReadUnits: 0 });

    expect(await repository.get(job.jobId)).toBeUndefined();
  });

  it('only ever raises progress, and only in the named status', async () => {
    const job = await storedJob('generating_notes', { progress: 35 });

    await repository.raiseProgress(job.jobId, 'generating_notes', 50);
    await repository.raiseProgress(job.jobId, 'generating_notes', 40);
    await repository.raiseProgress(job.jobId, 'transcribing', 80);

    expect((await reread(job.jobId)).progress).toBe(50);
  });

  it('lets one run take an uploaded job, again after a retry, but no other run', async () => {
    const job = await storedJob('awaiting_upload');

    expect(await repository.startRun(job.jobId, 'run-1')).toBe(true);
    const takenAt = clock.toISOString();
    tick();
    expect(await repository.startRun(job.jobId, 'run-1')).toBe(true);
    expect(await repository.startRun(job.jobId, 'run-2')).toBe(false);

    const stored = await reread(job.jobId);
    expect(stored).toMatchObject({ status: 'queued', runId: 'run-1', progress: 2, updatedAt: takenAt });
    expect(stored.stageTimes.queued).toBe(takenAt);
  });

  it('reports a missing job instead of creating one', async () => {
    const jobId = randomUUID();

    await expect(repository.advance(jobId, 'queued')).rejects.toSatisfy(
      (error) => error instanceof JobError && error.name === 'JobNotFound' && error.message.includes(jobId),
    );
    await expect(repository.recordChunkDone(jobId, 0, { inputTokens: 1, outputTokens: 1 })).rejects.toThrow(JobError);
    expect(await repository.fail(jobId, { message: 'gone', stage: 'queued', code: 'JobNotFound' })).toBe(false);
    await repository.raiseProgress(jobId, 'generating_notes', 50);
    expect(await repository.get(jobId)).toBeUndefined();
  });
  it('reopens a failed job for one more attempt, keeping what failed, and lets the new run take it', async () => {
    const failure = { message: 'The provider was down.', stage: 'generating_notes', code: 'ProviderUnavailable' } as const;
    const job = await storedJob('failed', { progress: 61, runId: 'run-1', transcriptionId: 'tr-1', error: failure });
    const failedAt = job.stageTimes.failed!;

    const [first, second] = await Promise.all([
      repository.reopen(job.jobId, 1, { forgetTranscription: false }),
      repository.reopen(job.jobId, 1, { forgetTranscription: false }),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await repository.reopen(job.jobId, 1, { forgetTranscription: false })).toBe(false);

    const reopened = await reread(job.jobId);
    expect(reopened).toMatchObject({ status: 'queued', attempt: 2, progress: 61, transcriptionId: 'tr-1' });
    expect(reopened.pastAttempts).toEqual([{ attempt: 1, failedAt, ...failure }]);
    expect(reopened).not.toHaveProperty('error');
    expect(reopened).not.toHaveProperty('runId');

    expect(await repository.startRun(job.jobId, 'run-2')).toBe(true);
    expect(await repository.startRun(job.jobId, 'run-1')).toBe(false);
    // A later stage of the new attempt starts below where the first attempt got: the bar does not drop.
    expect(await repository.advance(job.jobId, 'chunking')).toBe(true);
    expect((await reread(job.jobId)).progress).toBe(61);
  });

  it('reopens only failed jobs, and forgets a failed transcription when asked', async () => {
    const running = await storedJob('transcribing');
    expect(await repository.reopen(running.jobId, 1, { forgetTranscription: true })).toBe(false);
    const failure = { message: 'No speech found.', stage: 'transcribing', code: 'TranscriptionFailed' } as const;
    const failed = await storedJob('failed', { transcriptionId: 'tr-9', error: failure });
    expect(await repository.reopen(failed.jobId, 1, { forgetTranscription: true })).toBe(true);
    expect(await reread(failed.jobId)).not.toHaveProperty('transcriptionId');
  });

  it('lists an owner\'s jobs newest first, and only theirs', async () => {
    const owner = `owner-${randomUUID()}`;
    const older = await storedJob('completed', { owner });
    const newer = await storedJob('awaiting_upload', { owner, createdAt: clock.toISOString() });
    await storedJob('completed', { owner: `${owner}-other` });

    expect((await repository.listByOwner(owner, 10)).map((job) => job.jobId)).toEqual([newer.jobId, older.jobId]);
    expect((await repository.listByOwner(owner, 1)).map((job) => job.jobId)).toEqual([newer.jobId]);
    expect(await repository.listByOwner('nobody', 10)).toEqual([]);
  });

  it('lists every unfinished job, whoever owns it, and no finished one', async () => {
    const unfinished = await Promise.all(
      (['awaiting_upload', 'queued', 'transcribing', 'chunking', 'generating_notes', 'merging'] as const).map((status) =>
        storedJob(status, { owner: `owner-${randomUUID()}` }),
      ),
    );
    const finished = [await storedJob('completed', { progress: 100 }), await storedJob('failed')];
    const reopened = await storedJob('failed', { error: { message: 'down', stage: 'merging', code: 'ProviderUnavailable' } });
    await repository.reopen(reopened.jobId, 1, { forgetTranscription: false });

    const listed = await repository.listUnfinished();
    const listedIds = listed.map((job) => job.jobId);
    // The table holds the other tests' jobs too: check ours, and that nothing finished is listed.
    expect(listedIds).toEqual(expect.arrayContaining([...unfinished, reopened].map((job) => job.jobId)));
    expect(listedIds).not.toContain(finished[0]!.jobId);
    expect(listedIds).not.toContain(finished[1]!.jobId);
    expect(listed.every((job) => (job.status !== 'completed' && job.status !== 'failed') || unfinishedVersion(job))).toBe(true);
    expect(listed.find((job) => job.jobId === unfinished[4]!.jobId)).toEqual(unfinished[4]);
  });

  it('deletes a job that is still as it was read', async () => {
    const job = await storedJob('completed');
    expect(await repository.delete(job.jobId, { status: 'completed', attempt: 1, versionStatuses: {} })).toBe(true);
    expect(await repository.get(job.jobId)).toBeUndefined();
    expect(await repository.delete(job.jobId, { status: 'completed', attempt: 1, versionStatuses: {} })).toBe(false);
  });

  it('lets a retry and a delete of the same failed job race, and only one of them happen', async () => {
    const job = await storedJob('failed', { error: { stage: 'generating_notes', code: 'ProviderUnavailable', message: 'down' } });
    const [reopened, deleted] = await Promise.all([
      repository.reopen(job.jobId, 1, { forgetTranscription: false }),
      repository.delete(job.jobId, { status: 'failed', attempt: 1, versionStatuses: {} }),
    ]);
    expect([reopened, deleted].filter(Boolean)).toHaveLength(1);
    const after = await repository.get(job.jobId);
    if (reopened) expect(after).toMatchObject({ status: 'queued', attempt: 2 });
    else expect(after).toBeUndefined();
  });

  it('does not delete a job that moved on since it was read', async () => {
    const retried = await storedJob('failed', { error: { stage: 'merging', code: 'X', message: 'x' } });
    await repository.reopen(retried.jobId, 1, { forgetTranscription: false });
    expect(await repository.delete(retried.jobId, { status: 'failed', attempt: 1, versionStatuses: {} })).toBe(false);
    expect(await repository.get(retried.jobId)).toMatchObject({ status: 'queued', attempt: 2 });

    const uploaded = await storedJob('awaiting_upload');
    await repository.startRun(uploaded.jobId, 'run-1');
    expect(await repository.delete(uploaded.jobId, { status: 'awaiting_upload', attempt: 1, versionStatuses: {} })).toBe(false);
    expect(await repository.get(uploaded.jobId)).toMatchObject({ status: 'queued' });
  });

  const newVersion = (version: number, style: NotesVersion['style'] = 'summary'): NotesVersion => ({
    version,
    style,
    status: 'queued',
    attempt: 1,
    createdAt: clock.toISOString(),
    updatedAt: clock.toISOString(),
    chunksDone: 0,
    chunksTotal: 0,
    countedChunks: [],
  });

  it('extends only a completed job with a version, once per number, and leaves the job itself as it was', async () => {
    const done = await storedJob('completed');
    const [first, racing] = await Promise.all([repository.addVersion(done.jobId, newVersion(2)), repository.addVersion(done.jobId, newVersion(2, 'detailed'))]);
    expect([first, racing].sort()).toEqual([false, true]);
    expect(await repository.addVersion(done.jobId, newVersion(3, 'exam-prep'))).toBe(true);
    const { versions, ...job } = (await repository.get(done.jobId))!;
    expect(job).toEqual(done);
    expect(Object.keys(versions!).sort()).toEqual(['2', '3']);
    expect(versions!['3']).toMatchObject({ version: 3, style: 'exam-prep', status: 'queued' });

    const running = await storedJob('generating_notes');
    expect(await repository.addVersion(running.jobId, newVersion(2))).toBe(false);
    expect((await repository.get(running.jobId))!.versions).toBeUndefined();
  });

  it('lets one run take a version, counts its chunks once and moves it only forward, never touching the job', async () => {
    const done = await storedJob('completed');
    await repository.addVersion(done.jobId, newVersion(2));
    expect(await repository.startVersionRun(done.jobId, 2, 'run-a')).toBe(true);
    expect(await repository.startVersionRun(done.jobId, 2, 'run-a')).toBe(true);
    expect(await repository.startVersionRun(done.jobId, 2, 'run-b')).toBe(false);

    expect(await repository.advanceVersion(done.jobId, 2, 'generating_notes', { chunksTotal: 2 })).toBe(true);
    await Promise.all([repository.recordVersionChunkDone(done.jobId, 2, 0), repository.recordVersionChunkDone(done.jobId, 2, 0)]);
    expect(await repository.recordVersionChunkDone(done.jobId, 2, 1)).toEqual({ chunksDone: 2, chunksTotal: 2 });
    expect(await repository.advanceVersion(done.jobId, 2, 'merging')).toBe(true);
    expect(await repository.advanceVersion(done.jobId, 2, 'generating_notes')).toBe(false);
    expect(await repository.advanceVersion(done.jobId, 2, 'completed', { notes: 'jobs/x/versions/2/notes.json', notesMarkdown: 'jobs/x/versions/2/notes.md' })).toBe(true);
    expect(await repository.advanceVersion(done.jobId, 2, 'failed', { error: { message: 'late', stage: 'merging', code: 'X' } })).toBe(false);

    const { versions, ...job } = (await repository.get(done.jobId))!;
    expect(job).toEqual(done);
    expect(versions!['2']).toMatchObject({ status: 'completed', runId: 'run-a', chunksDone: 2, countedChunks: [0, 1], notes: 'jobs/x/versions/2/notes.json' });
    expect(versions!['2']!.error).toBeUndefined();
  });

  it('reopens a failed version once for its next attempt, keeping its chunk tally, and lets the new run take it', async () => {
    const done = await storedJob('completed');
    await repository.addVersion(done.jobId, newVersion(2));
    await repository.startVersionRun(done.jobId, 2, 'run-a');
    await repository.advanceVersion(done.jobId, 2, 'generating_notes', { chunksTotal: 3 });
    await repository.recordVersionChunkDone(done.jobId, 2, 0);
    expect(await repository.reopenVersion(done.jobId, 2, 1)).toBe(false);
    await repository.advanceVersion(done.jobId, 2, 'failed', { error: { message: 'down', stage: 'generating_notes', code: 'ProviderUnavailable' } });

    const [first, racing] = await Promise.all([repository.reopenVersion(done.jobId, 2, 1), repository.reopenVersion(done.jobId, 2, 1)]);
    expect([first, racing].sort()).toEqual([false, true]);
    const { versions, ...job } = (await repository.get(done.jobId))!;
    expect(job).toEqual(done);
    expect(versions!['2']).toMatchObject({ status: 'queued', attempt: 2, queuedAt: clock.toISOString(), chunksDone: 1, countedChunks: [0] });
    expect(versions!['2']).not.toHaveProperty('runId');
    expect(versions!['2']).not.toHaveProperty('error');
    expect(await repository.startVersionRun(done.jobId, 2, 'run-b')).toBe(true);
    expect(await repository.startVersionRun(done.jobId, 2, 'run-a')).toBe(false);
    // Each chunk still counts once: the first attempt's stays counted.
    await repository.advanceVersion(done.jobId, 2, 'generating_notes');
    expect(await repository.recordVersionChunkDone(done.jobId, 2, 0)).toEqual({ chunksDone: 1, chunksTotal: 3 });
  });

  it('reopens a failed version only while no other version is being written', async () => {
    const done = await storedJob('completed');
    await repository.addVersion(done.jobId, newVersion(2));
    await repository.advanceVersion(done.jobId, 2, 'failed', { error: { message: 'down', stage: 'queued', code: 'X' } });
    await repository.addVersion(done.jobId, newVersion(3, 'detailed'));
    expect(await repository.reopenVersion(done.jobId, 2, 1)).toBe(false);
    await repository.advanceVersion(done.jobId, 3, 'completed');
    expect(await repository.reopenVersion(done.jobId, 2, 2)).toBe(false);
    expect(await repository.reopenVersion(done.jobId, 2, 1)).toBe(true);
    expect(await repository.reopenVersion('no-such-job', 2, 1)).toBe(false);
  });

  it('lists a finished job while a version of its notes is being written, and not once it is done', async () => {
    const done = await storedJob('completed');
    await repository.addVersion(done.jobId, newVersion(2));
    expect((await repository.listUnfinished()).map((job) => job.jobId)).toContain(done.jobId);
    await repository.advanceVersion(done.jobId, 2, 'completed');
    expect((await repository.listUnfinished()).map((job) => job.jobId)).not.toContain(done.jobId);
  });

  it('does not delete a job whose versions changed since it was read', async () => {
    const done = await storedJob('completed');
    const read = { status: 'completed' as const, attempt: 1, versionStatuses: {} };
    await repository.addVersion(done.jobId, newVersion(2));
    expect(await repository.delete(done.jobId, read)).toBe(false);
    await repository.advanceVersion(done.jobId, 2, 'failed', { error: { message: 'down', stage: 'queued', code: 'X' } });
    const withFailed = { ...read, versionStatuses: { '2': 'failed' as const } };
    await repository.reopenVersion(done.jobId, 2, 1);
    expect(await repository.delete(done.jobId, withFailed)).toBe(false);
    expect(await repository.delete(done.jobId, { ...read, versionStatuses: { '2': 'queued' } })).toBe(true);
    expect(await repository.get(done.jobId)).toBeUndefined();
  });
});

describe('the persisted DynamoDB stand-in', () => {
  it('keeps jobs and the table across a restart on the same path', async () => {
    const path = await mkdtemp(join(tmpdir(), 'jobs-restart-'));
    try {
      const first = await startDynamoDbStandIn({ path });
      const firstClient = connect(first.endpoint);
      await ensureJobsTable(firstClient, TABLE);
      const written = new DynamoJobRepository({ client: firstClient, tableName: TABLE });
      const job = newJob('queued');
      await written.create(job);
      firstClient.destroy();
      await first.stop();

      const second = await startDynamoDbStandIn({ path });
      const secondClient = connect(second.endpoint);
      try {
        await ensureJobsTable(secondClient, TABLE);
        expect(await new DynamoJobRepository({ client: secondClient, tableName: TABLE }).get(job.jobId)).toEqual(job);
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });
});
