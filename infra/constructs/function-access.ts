import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { JOBS_PREFIX, UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import type { JobItemAction, JobsTable } from './jobs-table';
import type { ProviderKey, ProviderSecrets } from './provider-secrets';
import type { ObjectAction, JobsBucket } from './jobs-bucket';

/** What one function may touch. Anything not named here it may not. */
export interface FunctionAccess {
  /** @default - none */
  readonly jobItems?: readonly JobItemAction[];
  /** Query the owner index for the caller's jobs. @default false */
  readonly ownerQuery?: boolean;
  /** On objects under uploads/. @default - none */
  readonly uploads?: readonly ObjectAction[];
  /** On objects under jobs/ (transcripts, chunks, notes). @default - none */
  readonly artifacts?: readonly ObjectAction[];
  /** s3:ListBucket: to learn that an object is missing (404, not 403), or to delete a prefix. @default false */
  readonly listing?: boolean;
  /** Provider keys to read, their secrets' ARNs in the environment. @default - none */
  readonly providerKeys?: readonly ProviderKey[];
  /** Start pipeline runs, STATE_MACHINE_ARN in the environment. @default false */
  readonly startRuns?: boolean;
  /** Take messages from the undelivered-uploads queue and delete them, UNDELIVERED_UPLOADS_QUEUE_URL in the environment. @default false */
  readonly replayUndeliveredUploads?: boolean;
}

export interface AccessibleResources {
  readonly bucket: JobsBucket;
  readonly jobs: JobsTable;
  readonly secrets: ProviderSecrets;
  /** Needed only to grant `startRuns`. */
  readonly stateMachine?: sfn.IStateMachine;
  /** Needed only to grant `replayUndeliveredUploads`. */
  readonly undeliveredUploads?: sqs.IQueue;
}

export function grantAccess(fn: lambda.Function, access: FunctionAccess, { bucket, jobs, secrets, stateMachine, undeliveredUploads }: AccessibleResources): void {
  if (access.jobItems?.length) jobs.grantItems(fn, ...access.jobItems);
  if (access.ownerQuery) jobs.grantOwnerQuery(fn);
  if (access.uploads?.length) bucket.grantObjects(fn, UPLOADS_PREFIX, ...access.uploads);
  if (access.artifacts?.length) bucket.grantObjects(fn, JOBS_PREFIX, ...access.artifacts);
  if (access.listing) bucket.grantListing(fn);
  for (const key of access.providerKeys ?? []) secrets.grantRead(fn, key);
  if (access.startRuns) {
    if (!stateMachine) throw new Error(`${fn.node.path} is to start pipeline runs, but no state machine was given to grant it on.`);
    stateMachine.grantStartExecution(fn);
    fn.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
  }
  if (access.replayUndeliveredUploads) {
    if (!undeliveredUploads) throw new Error(`${fn.node.path} is to replay undelivered uploads, but no queue was given to grant it on.`);
    // Receiving and deleting, nothing more: not grantConsumeMessages, which adds visibility changes and attributes.
    undeliveredUploads.grant(fn, 'sqs:ReceiveMessage', 'sqs:DeleteMessage');
    fn.addEnvironment('UNDELIVERED_UPLOADS_QUEUE_URL', undeliveredUploads.queueUrl);
  }
}
