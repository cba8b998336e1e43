import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The jobs table's keys. The CDK construct and the local runtime both build
 * the table from these, so the cloud and the local table cannot drift apart.
 */
export const JOBS_TABLE_KEYS = {
  partitionKey: 'jobId',
  /** Epoch seconds after which DynamoDB may delete the job. */
  ttlAttribute: 'expiresAt',
  /** Lists one owner's jobs, newest last. */
  ownerIndex: { name: 'byOwner', partitionKey: 'owner', sortKey: 'createdAt' },
} as const;

/** The table as the local stand-in creates it (TTL is not part of CreateTable). */
export function jobsTableCreateInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, ownerIndex } = JOBS_TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: ownerIndex.partitionKey, AttributeType: 'S' },
      { AttributeName: ownerIndex.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: ownerIndex.name,
        KeySchema: [
          { AttributeName: ownerIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: ownerIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
