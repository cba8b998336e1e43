import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { JOBS_TABLE_KEYS } from '../../lambdas/adapters/jobs-table';

export interface JobsTableProps {
  readonly removalPolicy: RemovalPolicy;
}

/** One item per job; the same keys as the local table, from one definition. */
export class JobsTable extends Construct {
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: JobsTableProps) {
    super(scope, id);
    const { partitionKey, ttlAttribute, ownerIndex } = JOBS_TABLE_KEYS;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: props.removalPolicy,
      globalSecondaryIndexes: [
        {
          indexName: ownerIndex.name,
          partitionKey: { name: ownerIndex.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: ownerIndex.sortKey, type: dynamodb.AttributeType.STRING },
        },
      ],
    });
  }
}
