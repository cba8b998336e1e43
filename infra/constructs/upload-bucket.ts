import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { JOBS_PREFIX, UPLOADS_PREFIX } from '../../shared/domain/object-keys';

export interface UploadBucketProps {
  /** Origins allowed to upload from a browser. */
  readonly webOrigins: string[];
  /** Raw uploads are deleted this many days after they arrive. */
  readonly uploadRetentionDays: number;
  /** Everything made from an upload is deleted this many days after it was made, as the job's record is. */
  readonly jobRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/** Uploads and every artifact made from them; uploads announce themselves to EventBridge. */
export class UploadBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: UploadBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      eventBridgeEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
      cors: [
        {
          // Uploads are presigned POST forms.
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: props.webOrigins,
          allowedHeaders: ['*'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        { id: 'expire-raw-uploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(props.uploadRetentionDays) },
        { id: 'expire-job-artifacts', prefix: JOBS_PREFIX, expiration: Duration.days(props.jobRetentionDays) },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}
