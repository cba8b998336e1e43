import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeserializeMiddleware, InitializeMiddleware, Pluggable } from '@smithy/types';

/** What one invocation asked of S3 and DynamoDB, in the units each bills. */
export interface AwsRequestTally {
  s3WriteRequests: number;
  s3ReadRequests: number;
  dynamoWriteUnits: number;
  dynamoReadUnits: number;
  /** The most units one write took: the record's size, for the usage write that cannot report its own. */
  largestDynamoWriteUnits: number;
}

export const emptyTally = (): AwsRequestTally => ({ s3WriteRequests: 0, s3ReadRequests: 0, dynamoWriteUnits: 0, dynamoReadUnits: 0, largestDynamoWriteUnits: 0 });

/* The clients are made once per process and shared by every invocation (the local runtime runs
   many at once): each invocation's requests are told apart by the async context they are sent from. */
const tallies = new AsyncLocalStorage<AwsRequestTally>();

/** Runs `run`, counting into `tally` every S3 and DynamoDB request it sends. */
export const countingRequests = <Result>(tally: AwsRequestTally, run: () => Promise<Result>): Promise<Result> => tallies.run(tally, run);

/** S3 bills PUT, COPY, POST and LIST at the dearer tier, DELETE not at all, everything else (GET, HEAD) at the cheaper one. */
const S3_WRITE_COMMANDS = new Set([
  'PutObjectCommand',
  'CopyObjectCommand',
  'ListObjectsCommand',
  'ListObjectsV2Command',
  'CreateMultipartUploadCommand',
  'UploadPartCommand',
  'CompleteMultipartUploadCommand',
]);
const S3_FREE_COMMANDS = new Set(['DeleteObjectCommand', 'DeleteObjectsCommand', 'AbortMultipartUploadCommand']);

/*
 * Counted where each attempt is answered (the deserialize step, after the retry
 * middleware), so a request the SDK retried counts twice, as S3 and DynamoDB
 * bill it; a presigned URL is never sent and counts nothing.
 */
const countS3Request = <Input extends object, Output extends object>(): DeserializeMiddleware<Input, Output> => (next, context) => async (args) => {
  const tally = tallies.getStore();
  const command = context.commandName ?? '';
  if (tally && !S3_FREE_COMMANDS.has(command)) {
    if (S3_WRITE_COMMANDS.has(command)) tally.s3WriteRequests += 1;
    else tally.s3ReadRequests += 1;
  }
  return next(args);
};

export const s3RequestCounter = <Input extends object, Output extends object>(): Pluggable<Input, Output> => ({
  applyToStack: (stack) => stack.add(countS3Request<Input, Output>(), { step: 'deserialize', priority: 'high', name: 'countS3Request' }),
});

const DYNAMO_READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);
const DYNAMO_WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/** Asks DynamoDB to report the units each item request consumed, while an invocation is counting. */
const askConsumedCapacity = <Input extends object, Output extends object>(): InitializeMiddleware<Input, Output> => (next, context) => async (args) => {
  const command = context.commandName ?? '';
  if (tallies.getStore() && (DYNAMO_READ_COMMANDS.has(command) || DYNAMO_WRITE_COMMANDS.has(command))) {
    return next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
  }
  return next(args);
};

type ConsumedCapacity = { CapacityUnits?: number };
const unitsOf = (output: unknown): number => {
  const consumed = (output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] } | undefined)?.ConsumedCapacity;
  return [consumed ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
};

/* A write its condition refused still consumes a unit (at least), and reports none: counted as one. */
const countDynamoRequest = <Input extends object, Output extends object>(): DeserializeMiddleware<Input, Output> => (next, context) => async (args) => {
  const tally = tallies.getStore();
  const command = context.commandName ?? '';
  const isWrite = DYNAMO_WRITE_COMMANDS.has(command);
  if (!tally || !(isWrite || DYNAMO_READ_COMMANDS.has(command))) return next(args);
  const count = (units: number) => {
    if (!isWrite) return void (tally.dynamoReadUnits += units);
    tally.dynamoWriteUnits += units;
    tally.largestDynamoWriteUnits = Math.max(tally.largestDynamoWriteUnits, units);
  };
  try {
    const answered = await next(args);
    count(unitsOf(answered.output));
    return answered;
  } catch (error) {
    if (isWrite && (error as Error).name === 'ConditionalCheckFailedException') count(1);
    throw error;
  }
};

export const dynamoRequestCounter = <Input extends object, Output extends object>(): Pluggable<Input, Output> => ({
  applyToStack: (stack) => {
    stack.add(askConsumedCapacity<Input, Output>(), { step: 'initialize', name: 'askConsumedCapacity' });
    stack.add(countDynamoRequest<Input, Output>(), { step: 'deserialize', priority: 'high', name: 'countDynamoRequest' });
  },
});
