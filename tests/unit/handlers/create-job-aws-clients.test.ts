import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient, createS3Client, type AwsClientSettings } from '../../../lambdas/adapters/aws-clients';
import { DynamoJobRepository } from '../../../lambdas/adapters/dynamo-job-repository';
import { S3ObjectStore } from '../../../lambdas/adapters/s3-object-store';
import { makeHandler } from '../../../lambdas/handlers/create-job';
import { CreateJobResponseSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { NOW, TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';

const TABLE = 'lecture-jobs';
const BUCKET = 'lecture-uploads';
const aws: AwsClientSettings = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };

const dynamo = mockClient(DynamoDBClient);

/* The handler composed as in AWS, except that DynamoDB answers from the mock;
   presigning needs no network, so S3 is the real client. */
const createJob = makeHandler({
  ...testDependencies(),
  jobs: new DynamoJobRepository({ client: createDynamoDbClient(aws), tableName: TABLE, now: () => NOW }),
  objects: new S3ObjectStore({ client: createS3Client(aws), bucket: BUCKET }),
});

const postJobs = async (body: object) => {
  const result = await createJob(apiEvent({ method: 'POST', path: '/jobs', caller: 'student-9', body: JSON.stringify(body) }));
  expect(result.statusCode).toBe(201);
  return CreateJobResponseSchema.parse(jsonBodyOf(result));
};

beforeEach(() => {
  dynamo.reset();
  dynamo.on(PutItemCommand).resolves({});
});
afterAll(() => dynamo.restore());

describe('POST /jobs on the AWS adapters', () => {
  it('puts the job into the table only if no job has its id', async () => {
    const { jobId } = await postJobs({ fileName: 'week 3.srt', contentType: 'application/x-subrip', sizeBytes: 4_096 });
    const created = NOW.toISOString();
    const expected: JobRecord = {
      jobId,
      owner: 'student-9',
      status: 'awaiting_upload',
      progress: 0,
      chunksDone: 0,
      chunksTotal: 0,
      fileName: 'week 3.srt',
      contentType: 'application/x-subrip',
      sizeBytes: 4_096,
      sourceKind: 'captions',
      createdAt: created,
      updatedAt: created,
      stageTimes: { awaiting_upload: created },
      artifacts: { upload: `uploads/${jobId}/week-3.srt` },
      usage: { audioSeconds: 0, inputTokens: 0, outputTokens: 0 },
    attempt: 1,
    pastAttempts: [],
      expiresAt: NOW.getTime() / 1000 + TEST_LIMITS.jobRetentionDays * 86_400,
    };

    expect(dynamo).toReceiveCommandTimes(PutItemCommand, 1);
    expect(dynamo).toReceiveCommandWith(PutItemCommand, {
      TableName: TABLE,
      Item: marshall(expected),
      ConditionExpression: 'attribute_not_exists(#jobId)',
      ExpressionAttributeNames: { '#jobId': 'jobId' },
    });
  });

  it('answers with an S3 upload form whose signed policy holds the key, content type and declared size', async () => {
    const { jobId, upload } = await postJobs({ fileName: 'lecture.m4a', contentType: 'audio/x-m4a', sizeBytes: 80_000_000 });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

    expect(upload.method).toBe('POST');
    expect(new URL(upload.url).hostname).toBe(`${BUCKET}.s3.eu-west-1.amazonaws.com`);
    expect(upload.fields).toMatchObject({ key: `uploads/${jobId}/lecture.m4a`, 'Content-Type': 'audio/x-m4a' });
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key: `uploads/${jobId}/lecture.m4a` },
        { 'Content-Type': 'audio/x-m4a' },
        ['content-length-range', 80_000_000, 80_000_000],
      ]),
    );
    expect(Date.parse(policy.expiration)).toBeLessThanOrEqual(Date.now() + TEST_LIMITS.uploadUrlSeconds * 1000);
  });
});
