import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureJobsTable, S3_STAND_IN_CREDENTIALS, startDynamoDbStandIn, startS3StandIn, type S3StandIn, type StandIn } from '../../infra/local/stand-ins';
import { countingRequests, emptyTally } from '../../lambdas/adapters/aws-request-tally';
import { createDynamoDbClient, createS3Client } from '../../lambdas/adapters/aws-clients';
import { DynamoJobRepository } from '../../lambdas/adapters/dynamo-job-repository';
import { S3ObjectStore } from '../../lambdas/adapters/s3-object-store';
import { jobRecord } from '../fixtures/job-record';

const BUCKET = 'lecture-uploads';
const TABLE = 'jobs';

let directory: string;
let s3: S3StandIn;
let dynamo: StandIn;
let s3Client: S3Client;
let dynamoClient: DynamoDBClient;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'request-tally-'));
  s3 = await startS3StandIn({ directory: join(directory, 's3'), buckets: [BUCKET] });
  dynamo = await startDynamoDbStandIn({});
  s3Client = createS3Client({ region: 'us-east-1', endpoints: { s3: s3.endpoint }, s3ForcePathStyle: true, credentials: S3_STAND_IN_CREDENTIALS });
  dynamoClient = createDynamoDbClient({ region: 'us-east-1', endpoints: { dynamodb: dynamo.endpoint }, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureJobsTable(dynamoClient, TABLE);
});

afterAll(async () => {
  s3Client?.destroy();
  dynamoClient?.destroy();
  await s3?.stop();
  await dynamo?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('the AWS clients count what an invocation asks of S3 and DynamoDB', () => {
  it('S3: a PUT and a LIST at the dearer tier, GET and HEAD at the cheaper one; a presigned URL and a DELETE count nothing', async () => {
    const store = new S3ObjectStore({ client: s3Client, bucket: BUCKET });
    const tally = emptyTally();

    await countingRequests(tally, async () => {
      await store.putText('jobs/j/transcript.json', '{}', 'application/json');
      await store.getText('jobs/j/transcript.json');
      await store.head('jobs/j/transcript.json');
      await store.presignDownload('jobs/j/transcript.json', 60);
      await store.deletePrefix('jobs/j/');
    });

    // deletePrefix lists before it deletes: that LIST is billed, the DELETE is not.
    expect(tally).toMatchObject({ s3WriteRequests: 2, s3ReadRequests: 2 });
  });

  it('DynamoDB: the units each request consumed, a write its condition refused as one', async () => {
    const jobs = new DynamoJobRepository({ client: dynamoClient, tableName: TABLE });
    const tally = emptyTally();

    await countingRequests(tally, async () => {
      await jobs.create(jobRecord({ jobId: 'job-tally', status: 'chunking' }));
      await jobs.get('job-tally');
      // Refused: a chunking job cannot go back to queued.
      expect(await jobs.advance('job-tally', 'queued')).toBe(false);
    });

    // PutItem of a record under 1 KB: 1 unit; the refused UpdateItem: 1; a strongly consistent GetItem under 4 KB: 1 unit.
    expect(tally).toMatchObject({ dynamoWriteUnits: 2, largestDynamoWriteUnits: 1 });
    expect(tally.dynamoReadUnits).toBeGreaterThanOrEqual(0.5);
  });

  it('count nothing outside an invocation\'s tally, and keep two invocations running at once apart', async () => {
    const store = new S3ObjectStore({ client: s3Client, bucket: BUCKET });
    await store.putText('jobs/k/outside.json', '{}', 'application/json');
    const first = emptyTally();
    const second = emptyTally();

    await Promise.all([
      countingRequests(first, async () => {
        await store.putText('jobs/k/a.json', '{}', 'application/json');
        await store.putText('jobs/k/b.json', '{}', 'application/json');
      }),
      countingRequests(second, () => store.getText('jobs/k/outside.json')),
    ]);

    expect([first.s3WriteRequests, first.s3ReadRequests, second.s3WriteRequests, second.s3ReadRequests]).toEqual([2, 0, 0, 1]);
  });
});
