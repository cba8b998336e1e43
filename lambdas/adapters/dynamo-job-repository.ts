import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { AWS_USAGE_FIELDS, JobRecordSchema, type AwsUsage, type JobFailure, type JobRecord, type NotesVersion } from '../../shared/contracts/job';
import { TERMINAL_STATUSES, type JobStatus } from '../../shared/contracts/job-status';
import type { TokenUsage } from '../../shared/contracts/notes';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { JobError } from '../../shared/domain/job-error';
import {
  AS_READ_FIELDS,
  CLAIMABLE_STATUSES,
  CLAIMED_STATUS,
  COUNTING_STATUS,
  NEW_VERSION_STATUS,
  REOPENABLE_STATUS,
  REOPENABLE_VERSION_STATUS,
  REDUCING_STATUS,
  REOPENED_STATUS,
  VERSIONABLE_STATUS,
  attemptToReopen,
  canReopenVersion,
  isClaimedBy,
  unfinishedVersion,
  isVersionClaimable,
  statusesBefore,
  type JobAsRead,
} from '../../shared/domain/job-lifecycle';
import { progressOnEntering } from '../../shared/domain/job-status-rules';
import type { ChunkTally, JobAdvance, JobRepository, VersionAdvance } from '../../shared/ports/job-repository';
import { JOBS_TABLE_KEYS } from './jobs-table-schema';
import { storageFailure } from './transient-faults';

/* Which chunk indexes have been counted: lets recordChunkDone count each chunk
   once in a single conditional write. Internal: never part of a JobRecord. */
const DONE_CHUNKS = 'doneChunks';
/* Set once the reduce step's tokens are added: lets recordReduceDone add them once. Internal too. */
const REDUCE_COUNTED = 'reduceCounted';

const ChunkTallySchema = JobRecordSchema.pick({ chunksDone: true, chunksTotal: true });

const FAILED: JobStatus = 'failed';

const MARSHALL_OPTIONS = { removeUndefinedValues: true } as const;

/** Collects the placeholders of one expression, so attribute names never clash with reserved words. */
class ExpressionParts {
  readonly #names: Record<string, string> = {};
  readonly #values: Record<string, NativeAttributeValue> = {};

  /** `stageTimes`, `generating_notes` → `#stageTimes.#generating_notes`. */
  path(...segments: string[]): string {
    return segments
      .map((segment) => {
        this.#names[`#${segment}`] = segment;
        return `#${segment}`;
      })
      .join('.');
  }

  value(value: NativeAttributeValue): string {
    const placeholder = `:v${Object.keys(this.#values).length}`;
    this.#values[placeholder] = value;
    return placeholder;
  }

  list(values: NativeAttributeValue[]): string {
    return values.map((value) => this.value(value)).join(', ');
  }

  /** DynamoDB refuses an empty value map, so it is left out when there are no values. */
  toInput() {
    const hasValues = Object.keys(this.#values).length > 0;
    return {
      ExpressionAttributeNames: this.#names,
      ...(hasValues && { ExpressionAttributeValues: marshall(this.#values, MARSHALL_OPTIONS) }),
    };
  }
}

/** The versions' part of a deletion's condition: the same numbers, each in the status it was read in. */
function versionsAsRead(parts: ExpressionParts, statuses: Record<string, JobStatus>): string {
  const numbers = Object.keys(statuses);
  if (numbers.length === 0) return `attribute_not_exists(${parts.path('versions')})`;
  return [
    `size(${parts.path('versions')}) = ${parts.value(numbers.length)}`,
    ...numbers.map((number) => `${parts.path('versions', number, 'status')} = ${parts.value(statuses[number])}`),
  ].join(' AND ');
}

/** Adds a step's tokens to the job's; cached prompt tokens only when the provider reported some. */
function tokenAdditions(parts: ExpressionParts, usage: TokenUsage): string {
  const added: [string, number][] = [
    ['inputTokens', usage.inputTokens],
    ['outputTokens', usage.outputTokens],
    ['cachedInputTokens', usage.cachedInputTokens ?? 0],
  ];
  return added
    .filter(([name, tokens]) => name !== 'cachedInputTokens' || tokens > 0)
    .map(([name, tokens]) => `${parts.path('usage', name)} ${parts.value(tokens)}`)
    .join(', ');
}

/** An attribute path and the value to set there. */
type Assignment = [path: string[], value: NativeAttributeValue];

function assignmentsFor(changes: JobAdvance): Assignment[] {
  const assignments: Assignment[] = [
    ...Object.entries(changes.artifacts ?? {}).map(([name, key]): Assignment => [['artifacts', name], key]),
    [['chunksTotal'], changes.chunksTotal],
    [['transcriptionId'], changes.transcriptionId],
    [['usage', 'audioSeconds'], changes.audioSeconds],
  ];
  return assignments.filter(([, value]) => value !== undefined);
}

interface UpdateSpec {
  update: string;
  condition: string;
  parts: ExpressionParts;
}

/**
 * The jobs table in DynamoDB. Each rule of a job's life
 * (shared/domain/job-lifecycle.ts) is the condition of a single write, built
 * from the statuses and fields the rule exports, so concurrent steps, retries
 * and deletes cannot interleave between a check and its write.
 */
export class DynamoJobRepository implements JobRepository {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #now: () => Date;

  constructor({ client, tableName, now = () => new Date() }: { client: DynamoDBClient; tableName: string; now?: () => Date }) {
    this.#client = client;
    this.#tableName = tableName;
    this.#now = now;
  }

  async create(job: JobRecord): Promise<void> {
    const parts = new ExpressionParts();
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: marshall(job, MARSHALL_OPTIONS),
          ConditionExpression: `attribute_not_exists(${parts.path(JOBS_TABLE_KEYS.partitionKey)})`,
          ...parts.toInput(),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new Error(`Job ${job.jobId} already exists in table ${this.#tableName}: job ids must be unique`, { cause: error });
      }
      throw this.#failure('create', job.jobId, error);
    }
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    let item;
    try {
      ({ Item: item } = await this.#client.send(
        new GetItemCommand({ TableName: this.#tableName, Key: this.#key(jobId), ConsistentRead: true }),
      ));
    } catch (error) {
      throw this.#failure('read', jobId, error);
    }
    return item && this.#parse(jobId, item);
  }

  async listByOwner(owner: string, limit: number): Promise<JobRecord[]> {
    const { ownerIndex } = JOBS_TABLE_KEYS;
    const parts = new ExpressionParts();
    let items;
    try {
      ({ Items: items } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: ownerIndex.name,
          KeyConditionExpression: `${parts.path(ownerIndex.partitionKey)} = ${parts.value(owner)}`,
          ScanIndexForward: false,
          Limit: limit,
          ...parts.toInput(),
        }),
      ));
    } catch (error) {
      throw this.#failure(`list the jobs of ${owner} from`, 'index', error);
    }
    return (items ?? []).map((item) => this.#parse(String(unmarshall(item).jobId), item));
  }

  async listUnfinished(): Promise<JobRecord[]> {
    const jobs: JobRecord[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const parts = new ExpressionParts();
      let page;
      try {
        page = await this.#client.send(
          new ScanCommand({
            TableName: this.#tableName,
            // A finished job with versions may be writing one: which, the map's values tell once read.
            FilterExpression: `NOT (${parts.path('status')} IN (${parts.list([...TERMINAL_STATUSES])})) OR attribute_exists(${parts.path('versions')})`,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
            ...parts.toInput(),
          }),
        );
      } catch (error) {
        throw this.#failure('list the unfinished jobs', '(any)', error);
      }
      for (const item of page.Items ?? []) {
        const job = this.#parse(String(unmarshall(item).jobId), item);
        if (!TERMINAL_STATUSES.includes(job.status) || unfinishedVersion(job)) jobs.push(job);
      }
      // A scan answers at most 1 MB at a time; the filter applies after that limit.
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return jobs;
  }

  #parse(jobId: string, item: Record<string, AttributeValue>): JobRecord {
    const parsed = JobRecordSchema.safeParse(unmarshall(item));
    if (!parsed.success) {
      throw new Error(`Job ${jobId} in table ${this.#tableName} does not match the job record schema: ${describeIssues(parsed.error, 'the record')}`);
    }
    return parsed.data;
  }

  async advance(jobId: string, to: JobStatus, changes: JobAdvance = {}): Promise<boolean> {
    if (await this.#enter(jobId, to, assignmentsFor(changes))) return true;
    // Refused: either a retried step finds the job already there, or it has moved past.
    const job = await this.#existing(jobId);
    return job.status === to;
  }

  async startRun(jobId: string, runId: string): Promise<boolean> {
    const parts = new ExpressionParts();
    const status = parts.path('status');
    const storedRun = parts.path('runId');
    const now = parts.value(this.#now().toISOString());
    const taken = await this.#updateIfAllowed(jobId, `start run ${runId}`, {
      update:
        `SET ${status} = ${parts.value(CLAIMED_STATUS)}, ${storedRun} = ${parts.value(runId)}, ` +
        `${parts.path('stageTimes', CLAIMED_STATUS)} = ${now}, ${parts.path('updatedAt')} = ${now}`,
      // isClaimable: no run has claimed it, and it is in a claimable status.
      condition: `attribute_not_exists(${storedRun}) AND ${status} IN (${parts.list([...CLAIMABLE_STATUSES])})`,
      parts,
    });
    if (taken === undefined) {
      // Refused: claimed already; still this run's if it is asking again after a retried step.
      return isClaimedBy(await this.#existing(jobId), runId);
    }
    await this.#raiseProgressTo(jobId, CLAIMED_STATUS);
    return true;
  }

  async reopen(jobId: string, attempt: number, { forgetTranscription }: { forgetTranscription: boolean }): Promise<boolean> {
    // A job deleted meanwhile (a DELETE that won the race) has nothing to reopen.
    const job = await this.get(jobId);
    const past = job && attemptToReopen(job, attempt);
    if (!past) return false;
    const parts = new ExpressionParts();
    const status = parts.path('status');
    const now = parts.value(this.#now().toISOString());
    const pastAttempts = parts.path('pastAttempts');
    const removed = [parts.path('runId'), parts.path('error'), ...(forgetTranscription ? [parts.path('transcriptionId')] : [])];
    const reopened = await this.#updateIfAllowed(jobId, `reopen attempt ${attempt}`, {
      update:
        `SET ${status} = ${parts.value(REOPENED_STATUS)}, ${parts.path('attempt')} = ${parts.value(attempt + 1)}, ` +
        `${pastAttempts} = list_append(if_not_exists(${pastAttempts}, ${parts.value([])}), ${parts.value([past])}), ` +
        `${parts.path('stageTimes', REOPENED_STATUS)} = ${now}, ${parts.path('updatedAt')} = ${now} ` +
        `REMOVE ${removed.join(', ')}`,
      // attemptToReopen, checked again in the write: two retries racing for the same failed attempt, one wins.
      condition: `${status} = ${parts.value(REOPENABLE_STATUS)} AND ${parts.path('attempt')} = ${parts.value(attempt)}`,
      parts,
    });
    return reopened !== undefined;
  }

  async delete(jobId: string, expected: JobAsRead): Promise<boolean> {
    const parts = new ExpressionParts();
    try {
      await this.#client.send(
        new DeleteItemCommand({
          TableName: this.#tableName,
          Key: this.#key(jobId),
          // isAsRead: each field, and each version's status, still holds what was read, and no version was added.
          ConditionExpression: [
            ...AS_READ_FIELDS.map((field) => `${parts.path(field)} = ${parts.value(expected[field])}`),
            versionsAsRead(parts, expected.versionStatuses),
          ].join(' AND '),
          ...parts.toInput(),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw this.#failure('delete', jobId, error);
    }
  }

  async recordChunkDone(jobId: string, chunkIndex: number, usage: TokenUsage): Promise<ChunkTally> {
    const parts = new ExpressionParts();
    const doneChunks = parts.path(DONE_CHUNKS);
    const counted = await this.#updateIfAllowed(jobId, `count chunk ${chunkIndex}`, {
      update:
        `ADD ${parts.path('chunksDone')} ${parts.value(1)}, ${doneChunks} ${parts.value(new Set([chunkIndex]))}, ` +
        `${tokenAdditions(parts, usage)} ` +
        `SET ${parts.path('updatedAt')} = ${parts.value(this.#now().toISOString())}`,
      // countsChunk: in the counting stage, and not counted before.
      condition: `${parts.path('status')} = ${parts.value(COUNTING_STATUS)} AND NOT contains(${doneChunks}, ${parts.value(chunkIndex)})`,
      parts,
    });
    // Refused: the chunk was counted before, or the stage is over; either way the stored tally stands.
    return ChunkTallySchema.parse(counted ?? (await this.#existing(jobId)));
  }

  async recordReduceDone(jobId: string, usage: TokenUsage): Promise<boolean> {
    const parts = new ExpressionParts();
    const counted = parts.path(REDUCE_COUNTED);
    const written = await this.#updateIfAllowed(jobId, 'count the reduce step', {
      update:
        `ADD ${tokenAdditions(parts, usage)} ` +
        `SET ${counted} = ${parts.value(true)}, ${parts.path('updatedAt')} = ${parts.value(this.#now().toISOString())}`,
      // countsReduce: in the reducing stage, and not counted before.
      condition: `${parts.path('status')} = ${parts.value(REDUCING_STATUS)} AND attribute_not_exists(${counted})`,
      parts,
    });
    if (written === undefined) await this.#existing(jobId);
    return written !== undefined;
  }

  async addVersion(jobId: string, version: NotesVersion): Promise<boolean> {
    const number = String(version.version);
    // DynamoDB sets a path only inside a map that exists: the first version creates the map, later ones go in beside.
    const first = new ExpressionParts();
    const created = await this.#updateIfAllowed(jobId, `add version ${number}`, {
      update: `SET ${first.path('versions')} = ${first.value({ [number]: version })}`,
      // canAddVersion: a completed job, and (no map yet) no version of that number.
      condition: `${first.path('status')} = ${first.value(VERSIONABLE_STATUS)} AND attribute_not_exists(${first.path('versions')})`,
      parts: first,
    });
    if (created !== undefined) return true;
    const beside = new ExpressionParts();
    const slot = beside.path('versions', number);
    const added = await this.#updateIfAllowed(jobId, `add version ${number}`, {
      update: `SET ${slot} = ${beside.value(version)}`,
      condition: `${beside.path('status')} = ${beside.value(VERSIONABLE_STATUS)} AND attribute_exists(${beside.path('versions')}) AND attribute_not_exists(${slot})`,
      parts: beside,
    });
    return added !== undefined;
  }

  async startVersionRun(jobId: string, version: number, runId: string): Promise<boolean> {
    const parts = new ExpressionParts();
    const storedRun = parts.path('versions', String(version), 'runId');
    const taken = await this.#updateIfAllowed(jobId, `start the run ${runId} of version ${version}`, {
      update: `SET ${storedRun} = ${parts.value(runId)}`,
      // isVersionClaimable: no run has claimed it and it is queued.
      condition: `attribute_not_exists(${storedRun}) AND ${parts.path('versions', String(version), 'status')} = ${parts.value(NEW_VERSION_STATUS)}`,
      parts,
    });
    return taken !== undefined || isVersionClaimable(await this.#existingVersion(jobId, version), runId);
  }

  async advanceVersion(jobId: string, version: number, to: JobStatus, changes: VersionAdvance = {}): Promise<boolean> {
    const allowedFrom = statusesBefore(to);
    const at = (...path: string[]) => ['versions', String(version), ...path];
    const parts = new ExpressionParts();
    const assignments: Assignment[] = [
      [at('status'), to],
      [at('updatedAt'), this.#now().toISOString()],
      ...Object.entries(changes).map(([name, value]): Assignment => [at(name), value]),
    ];
    const written =
      allowedFrom.length > 0 &&
      (await this.#updateIfAllowed(jobId, `move version ${version} to ${to}`, {
        update: `SET ${assignments.filter(([, value]) => value !== undefined).map(([path, value]) => `${parts.path(...path)} = ${parts.value(value)}`).join(', ')}`,
        // canAdvance, for the version's own status.
        condition: `${parts.path(...at('status'))} IN (${parts.list(allowedFrom)})`,
        parts,
      })) !== undefined;
    return written || (await this.#existingVersion(jobId, version)).status === to;
  }

  async reopenVersion(jobId: string, version: number, attempt: number): Promise<boolean> {
    // The other versions are read first: the write's condition holds each of them, and their number, as read.
    const job = await this.get(jobId);
    if (!job || !canReopenVersion(job, version, attempt)) return false;
    const parts = new ExpressionParts();
    const at = (name: string) => parts.path('versions', String(version), name);
    const now = parts.value(this.#now().toISOString());
    const others = Object.fromEntries(
      Object.entries(job.versions ?? {})
        .filter(([number]) => number !== String(version))
        .map(([number, other]) => [number, other.status]),
    );
    const reopened = await this.#updateIfAllowed(jobId, `reopen attempt ${attempt} of version ${version}`, {
      update:
        `SET ${at('status')} = ${parts.value(NEW_VERSION_STATUS)}, ${at('attempt')} = ${parts.value(attempt + 1)}, ` +
        `${at('queuedAt')} = ${now}, ${at('updatedAt')} = ${now} REMOVE ${at('runId')}, ${at('error')}`,
      // canReopenVersion: failed at this attempt (a record from before retries has no attempt: its first),
      // and every other version finished as read, none added.
      condition: [
        `${at('status')} = ${parts.value(REOPENABLE_VERSION_STATUS)}`,
        attempt === 1 ? `(attribute_not_exists(${at('attempt')}) OR ${at('attempt')} = ${parts.value(1)})` : `${at('attempt')} = ${parts.value(attempt)}`,
        `size(${parts.path('versions')}) = ${parts.value(Object.keys(others).length + 1)}`,
        ...Object.entries(others).map(([number, status]) => `${parts.path('versions', number, 'status')} = ${parts.value(status)}`),
      ].join(' AND '),
      parts,
    });
    return reopened !== undefined;
  }

  async recordVersionChunkDone(jobId: string, version: number, chunkIndex: number): Promise<ChunkTally> {
    const parts = new ExpressionParts();
    const at = (name: string) => parts.path('versions', String(version), name);
    const counted = await this.#updateIfAllowed(jobId, `count chunk ${chunkIndex} of version ${version}`, {
      update:
        `SET ${at('chunksDone')} = ${at('chunksDone')} + ${parts.value(1)}, ` +
        `${at('countedChunks')} = list_append(${at('countedChunks')}, ${parts.value([chunkIndex])}), ` +
        `${at('updatedAt')} = ${parts.value(this.#now().toISOString())}`,
      // countsVersionChunk: in the counting stage, and not counted before.
      condition: `${at('status')} = ${parts.value(COUNTING_STATUS)} AND NOT contains(${at('countedChunks')}, ${parts.value(chunkIndex)})`,
      parts,
    });
    const stored = counted ? (counted.versions as Record<string, NotesVersion>)[String(version)]! : await this.#existingVersion(jobId, version);
    return { chunksDone: stored.chunksDone, chunksTotal: stored.chunksTotal };
  }

  async #existingVersion(jobId: string, version: number): Promise<NotesVersion> {
    const stored = (await this.#existing(jobId)).versions?.[String(version)];
    if (!stored) {
      throw new JobError('JobNotFound', `Job ${jobId} has no version ${version} of its notes: it was deleted, or never added through POST /jobs/{jobId}/notes.`);
    }
    return stored;
  }

  /** Progress only rises: entering a stage lifts it to the stage's start, unless an earlier attempt got further. */
  async #raiseProgressTo(jobId: string, status: JobStatus): Promise<void> {
    const progress = progressOnEntering(status);
    if (progress !== undefined) await this.raiseProgress(jobId, status, progress);
  }

  async raiseProgress(jobId: string, status: JobStatus, progress: number): Promise<void> {
    const parts = new ExpressionParts();
    const raised = parts.value(progress);
    await this.#updateIfAllowed(jobId, `raise progress to ${progress} in ${status}`, {
      update: `SET ${parts.path('progress')} = ${raised}`,
      // raisesProgress: higher than stored, and in the stage it measures.
      condition: `${parts.path('progress')} < ${raised} AND ${parts.path('status')} = ${parts.value(status)}`,
      parts,
    });
  }

  async addUsage(jobId: string, usage: AwsUsage): Promise<void> {
    const parts = new ExpressionParts();
    const additions = AWS_USAGE_FIELDS.filter((field) => usage[field] > 0).map((field) => `${parts.path('usage', field)} ${parts.value(usage[field])}`);
    if (additions.length === 0) return;
    try {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: this.#key(jobId),
          UpdateExpression: `ADD ${additions.join(', ')}`,
          // addsUsage: any stored job; an update would otherwise create a deleted one again.
          ConditionExpression: `attribute_exists(${parts.path(JOBS_TABLE_KEYS.partitionKey)})`,
          ...parts.toInput(),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw this.#failure('add usage', jobId, error);
    }
  }

  async fail(jobId: string, failure: JobFailure): Promise<boolean> {
    // Any unfinished job may fail; the condition also keeps the update from creating a job that does not exist.
    return this.#enter(jobId, FAILED, [[['error'], failure]]);
  }

  /** Moves the job into `to` if it may go there from where it is; false when the condition refused the write. */
  async #enter(jobId: string, to: JobStatus, changes: Assignment[]): Promise<boolean> {
    // canAdvance: only forward, never out of a finished status.
    const allowedFrom = statusesBefore(to);
    if (allowedFrom.length === 0) return false;
    const parts = new ExpressionParts();
    const now = parts.value(this.#now().toISOString());
    const assignments: Assignment[] = [[['status'], to], ...changes];
    // Completion is the top of the bar: written with the status, so no reader ever sees a completed job below 100.
    if (to === 'completed') assignments.push([['progress'], 100]);
    const set = [
      ...assignments.map(([path, value]) => `${parts.path(...path)} = ${parts.value(value)}`),
      `${parts.path('stageTimes', to)} = ${now}`,
      `${parts.path('updatedAt')} = ${now}`,
    ];
    const written = await this.#updateIfAllowed(jobId, `move to ${to}`, {
      update: `SET ${set.join(', ')}`,
      condition: `${parts.path('status')} IN (${parts.list(allowedFrom)})`,
      parts,
    });
    if (written === undefined) return false;
    await this.#raiseProgressTo(jobId, to);
    return true;
  }

  /** The item after the write, or undefined when the condition refused it. */
  async #updateIfAllowed(
    jobId: string,
    action: string,
    { update, condition, parts }: UpdateSpec,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: this.#key(jobId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ...parts.toInput(),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return unmarshall(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw this.#failure(action, jobId, error);
    }
  }

  async #existing(jobId: string): Promise<JobRecord> {
    const job = await this.get(jobId);
    if (!job) {
      throw new JobError(
        'JobNotFound',
        `There is no job ${jobId}: the upload was not started with POST /jobs, or the job has expired. Create a new job and upload again.`,
      );
    }
    return job;
  }

  #key(jobId: string) {
    return marshall({ [JOBS_TABLE_KEYS.partitionKey]: jobId });
  }

  /** Adds which job and table; passing faults become StorageUnavailable, which retries match on. */
  #failure(action: string, jobId: string, cause: unknown): Error {
    return storageFailure(`Job ${jobId} in table ${this.#tableName}: could not ${action}`, cause);
  }
}
