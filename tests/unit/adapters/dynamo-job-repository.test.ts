import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoJobRepository } from '../../../lambdas/adapters/dynamo-job-repository';
import type { JobRecord } from '../../../shared/contracts/job';
import type { JobStatus } from '../../../shared/contracts/job-status';
import { JobError } from '../../../shared/domain/job-error';
import { jobRecord } from '../../fixtures/job-record';

const TABLE = 'jobs-test';
const JOB_ID = 'job-7';
const NOW = new Date('2030-05-04T10:00:00.000Z');

const dynamo = mockClient(DynamoDBClient);
const repository = new DynamoJobRepository({ client: new DynamoDBClient({ region: 'eu-west-1' }), tableName: TABLE, now: () => NOW });

const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

function storedItem(status: JobStatus, overrides: Partial<JobRecord> = {}) {
  const job: JobRecord = jobRecord({
    jobId: JOB_ID,
    status,
    progress: 40,
    updatedAt: '2030-05-04T09:30:00.000Z',
    stageTimes: {},
    ...overrides,
  });
  return { Item: marshall(job, { removeUndefinedValues: true }) };
}

interface ExpressionInput {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** The expression with its placeholders filled in, so tests read like the intent. */
function readable(expression: string | undefined, input: ExpressionInput): string {
  const values = unmarshall(input.ExpressionAttributeValues ?? {});
  const show = (value: unknown) =>
    value instanceof Set ? `<<${[...value].join(',')}>>` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return (expression ?? '')
    .replace(/#\w+/g, (placeholder) => input.ExpressionAttributeNames?.[placeholder] ?? placeholder)
    .replace(/:\w+/g, (placeholder) => show(values[placeholder]));
}

const sentUpdate = (index = 0) => {
  const input = dynamo.commandCalls(UpdateItemCommand)[index]?.args[0].input;
  if (!input) throw new Error('no UpdateItem was sent');
  return { update: readable(input.UpdateExpression, input), condition: readable(input.ConditionExpression, input), input };
};

beforeEach(() => dynamo.reset());

describe('DynamoJobRepository.create', () => {
  it('writes only when no job has the id', async () => {
    dynamo.on(PutItemCommand).rejects(refused());
    const job = unmarshall(storedItem('awaiting_upload').Item) as JobRecord;

    await expect(repository.create(job)).rejects.toThrow(`Job ${JOB_ID} already exists in table ${TABLE}`);
    const input = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(readable(input.ConditionExpression, input)).toBe('attribute_not_exists(jobId)');
  });
});

describe('DynamoJobRepository.advance', () => {
  it('moves forward only from an earlier unfinished status, then raises progress only if that is higher', async () => {
    dynamo.on(UpdateItemCommand).resolves({ Attributes: {} });

    expect(await repository.advance(JOB_ID, 'merging', { artifacts: { notes: 'jobs/job-7/notes.json' } })).toBe(true);

    const { update, condition, input } = sentUpdate();
    expect(input.Key).toEqual(marshall({ jobId: JOB_ID }));
    expect(condition).toBe('status IN (awaiting_upload, queued, transcribing, chunking, generating_notes)');
    expect(update).toContain('status = merging');
    expect(update).not.toContain('progress');
    expect(update).toContain(`stageTimes.merging = ${NOW.toISOString()}`);
    expect(update).toContain('artifacts.notes = jobs/job-7/notes.json');
    const progress = sentUpdate(1);
    expect(progress.update).toBe('SET progress = 93');
    expect(progress.condition).toBe('progress < 93 AND status = merging');
    expect(dynamo).toReceiveCommandTimes(GetItemCommand, 0);
  });

  it.each([
    { stored: 'merging', to: 'merging', expected: true },
    { stored: 'completed', to: 'merging', expected: false },
    { stored: 'failed', to: 'merging', expected: false },
  ] as const)('when refused with the job in $stored, reports $expected for a move to $to', async ({ stored, to, expected }) => {
    dynamo.on(UpdateItemCommand).rejects(refused());
    dynamo.on(GetItemCommand).resolves(storedItem(stored));

    expect(await repository.advance(JOB_ID, to)).toBe(expected);
  });

  it('reports a job that does not exist', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());
    dynamo.on(GetItemCommand).resolves({});

    await expect(repository.advance(JOB_ID, 'chunking')).rejects.toSatisfy(
      (error) => error instanceof JobError && error.name === 'JobNotFound' && error.message.includes(JOB_ID),
    );
  });

  it('passes throttling on as StorageUnavailable, with the job and table, for the state machine to retry', async () => {
    dynamo.on(UpdateItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    await expect(repository.advance(JOB_ID, 'chunking')).rejects.toSatisfy(
      (error) =>
        error instanceof JobError &&
        error.name === 'StorageUnavailable' &&
        error.message.includes(JOB_ID) &&
        error.message.includes(TABLE),
    );
  });
});

describe('DynamoJobRepository.startRun', () => {
  it('takes only a job no run has taken, awaiting its upload or reopened, and records the run', async () => {
    dynamo.on(UpdateItemCommand).resolves({ Attributes: {} });

    expect(await repository.startRun(JOB_ID, 'run-7')).toBe(true);

    const { update, condition } = sentUpdate();
    expect(condition).toBe('attribute_not_exists(runId) AND status IN (awaiting_upload, queued)');
    expect(update).toContain('status = queued');
    expect(update).toContain('runId = run-7');
  });

  it('when refused, succeeds only for the run that took the job', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());
    dynamo.on(GetItemCommand).resolves(storedItem('queued', { runId: 'run-7' }));

    expect(await repository.startRun(JOB_ID, 'run-7')).toBe(true);
    expect(await repository.startRun(JOB_ID, 'run-8')).toBe(false);
  });
});

describe('DynamoJobRepository.recordChunkDone', () => {
  it('counts the chunk and its tokens in one write, only during note generation and only once', async () => {
    dynamo.on(UpdateItemCommand).resolves({ Attributes: marshall({ chunksDone: 4, chunksTotal: 9 }) });

    expect(await repository.recordChunkDone(JOB_ID, 3, { inputTokens: 1_200, outputTokens: 300 })).toEqual({ chunksDone: 4, chunksTotal: 9 });

    const { update, condition, input } = sentUpdate();
    expect(condition).toBe('status = generating_notes AND NOT contains(doneChunks, 3)');
    expect(update).toMatch(/^ADD chunksDone 1, doneChunks <<3>>, usage\.inputTokens 1200, usage\.outputTokens 300 SET /);
    expect(input.ReturnValues).toBe('ALL_NEW');
  });

  it('when refused, reports the stored tally without writing again', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());
    dynamo.on(GetItemCommand).resolves(storedItem('generating_notes', { chunksDone: 5, chunksTotal: 9 }));

    expect(await repository.recordChunkDone(JOB_ID, 3, { inputTokens: 1, outputTokens: 1 })).toEqual({ chunksDone: 5, chunksTotal: 9 });
    expect(dynamo).toReceiveCommandTimes(UpdateItemCommand, 1);
  });
});

describe('DynamoJobRepository.recordReduceDone', () => {
  it("adds the reduce step's tokens in one write, only while merging and only once", async () => {
    dynamo.on(UpdateItemCommand).resolves({ Attributes: {} });

    expect(await repository.recordReduceDone(JOB_ID, { inputTokens: 700, outputTokens: 120 })).toBe(true);

    const { update, condition } = sentUpdate();
    expect(condition).toBe('status = merging AND attribute_not_exists(reduceCounted)');
    expect(update).toBe(`ADD usage.inputTokens 700, usage.outputTokens 120 SET reduceCounted = true, updatedAt = ${NOW.toISOString()}`);
  });

  it('when refused, answers false without writing again, once it knows the job exists', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());
    dynamo.on(GetItemCommand).resolves(storedItem('merging'));

    expect(await repository.recordReduceDone(JOB_ID, { inputTokens: 1, outputTokens: 1 })).toBe(false);
    expect(dynamo).toReceiveCommandTimes(UpdateItemCommand, 1);
  });
});

describe('DynamoJobRepository.raiseProgress', () => {
  it('writes only a higher value in the named status, and takes a refusal quietly', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());

    await expect(repository.raiseProgress(JOB_ID, 'transcribing', 12)).resolves.toBeUndefined();

    const { update, condition } = sentUpdate();
    expect(condition).toBe('progress < 12 AND status = transcribing');
    expect(update).toBe('SET progress = 12');
  });
});

describe('DynamoJobRepository.fail', () => {
  it('fails only an unfinished job, records the failure and leaves progress alone', async () => {
    dynamo.on(UpdateItemCommand).resolves({ Attributes: {} });
    const failure = { message: 'The caption file has no cues.', stage: 'chunking', code: 'InvalidCaptions' } as const;

    expect(await repository.fail(JOB_ID, failure)).toBe(true);

    const { update, condition } = sentUpdate();
    expect(condition).toBe('status IN (awaiting_upload, queued, transcribing, chunking, generating_notes, merging)');
    expect(update).toContain('status = failed');
    expect(update).toContain(`error = ${JSON.stringify(failure)}`);
    expect(update).toContain(`stageTimes.failed = ${NOW.toISOString()}`);
    expect(update).not.toContain('progress');
  });

  it('reports false without reading when the job is already finished or missing', async () => {
    dynamo.on(UpdateItemCommand).rejects(refused());

    expect(await repository.fail(JOB_ID, { message: 'late', stage: 'merging', code: 'Boom' })).toBe(false);
    expect(dynamo).toReceiveCommandTimes(GetItemCommand, 0);
  });
});
