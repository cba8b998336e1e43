import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { stageSettings, type StageName } from '../../../infra/stage';
import { expectPrivateTlsOnlyBucket, synthesizeStack } from '../lecture-notes-app';

/** The jobs bucket is the one with a fixed name; the web bucket's is generated. */
const UPLOAD_BUCKET = { Properties: { BucketName: Match.anyValue() } };

const templates = { dev: synthesizeStack('dev').template, prod: synthesizeStack('prod').template };

describe('the jobs bucket', () => {
  const template = templates.dev;

  it('is private, encrypted and TLS-only', () => {
    expectPrivateTlsOnlyBucket(template, template.getResourceId('AWS::S3::Bucket', UPLOAD_BUCKET));
  });

  it('lets only the web origin send upload forms to it, and announces uploads to EventBridge', () => {
    const distributionId = template.getResourceId('AWS::CloudFront::Distribution');
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }] })],
      },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: template.getResourceId('AWS::S3::Bucket', UPLOAD_BUCKET) },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
  });

  it.each<StageName>(['dev', 'prod'])("expires uploads and artifacts by %s's retention", (stage) => {
    const { uploadRetentionDays, jobRetentionDays } = stageSettings(stage);
    templates[stage].hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: uploadRetentionDays }),
          Match.objectLike({ Prefix: 'jobs/', ExpirationInDays: jobRetentionDays }),
        ]),
      },
    });
  });
});
