import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');

describe('the jobs table', () => {
  it("is on demand, with point-in-time recovery, expiry by TTL and an index of each owner's jobs by time", () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
      ],
    });
  });
});
