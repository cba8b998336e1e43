import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { JOBS_TABLE_KEYS } from '../../lambdas/adapters/jobs-table-schema';

export interface JobsTableProps {
  readonly removalPolicy: RemovalPolicy;
}

/** What a function may do with job items, one item at a time. */
export type JobItemAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem';

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
          // "My jobs, newest first": the owner's partition, sorted by creation time, read backwards.
          indexName: ownerIndex.name,
          partitionKey: { name: ownerIndex.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: ownerIndex.sortKey, type: dynamodb.AttributeType.STRING },
        },
      ],
    });
  }

  /** Item actions on the table itself; unlike `table.grant`, nothing on its indexes. */
  grantItems(grantee: iam.IGrantable, ...actions: JobItemAction[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [this.table.tableArn] }));
  }

  /** Queries of the owner index only: the handler asks it for the caller's own jobs. */
  grantOwnerQuery(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${this.table.tableArn}/index/${JOBS_TABLE_KEYS.ownerIndex.name}`] }),
    );
  }
}
