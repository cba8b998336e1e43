import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { JOBS_PREFIX, UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { acknowledgeWildcardResource } from '../nag';
import type { StageName } from '../stage';

export interface JobsBucketProps {
  readonly stageName: StageName;
  /** Raw uploads are deleted this many days after they arrive. */
  readonly uploadRetentionDays: number;
  /** Everything made from an upload is deleted this many days after it was made, as the job's record is. */
  readonly jobRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';

/**
 * Uploads and every artifact made from them; uploads announce themselves to EventBridge.
 *
 * The bucket's name is fixed by stage, account and region, and everything else refers to the
 * bucket by that name, never by a reference to the resource. That breaks a cycle: the bucket's
 * CORS rule needs the web distribution's domain, the distribution needs the API, the API needs
 * its functions, and the functions' policies and environment need the bucket. Granting on ARNs
 * built from the name also lets the web's Content-Security-Policy name the bucket exactly.
 * The price: a retained (prod) bucket must be emptied and deleted before the stage is deployed
 * again from scratch.
 */
export class JobsBucket extends Construct {
  /** The resource itself. Grant through grantObjects and grantListing, which name it; a grant on this would bring the cycle back. */
  public readonly bucket: s3.Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** The origins a browser reaches the bucket at, to upload a form and to play a recording (virtual-hosted style, regional and global). */
  public readonly browserOrigins: string[];

  constructor(scope: Construct, id: string, props: JobsBucketProps) {
    super(scope, id);
    this.bucketName = `lecture-notes-${props.stageName}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.bucketArn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    this.browserOrigins = [`https://${this.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`, `https://${this.bucketName}.s3.${Aws.URL_SUFFIX}`];
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      eventBridgeEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
      lifecycleRules: [
        { id: 'expire-raw-uploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(props.uploadRetentionDays) },
        { id: 'expire-job-artifacts', prefix: JOBS_PREFIX, expiration: Duration.days(props.jobRetentionDays) },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Each upload is already recorded by its job (owner, file, size, times) in the jobs table, and objects expire within days; ' +
        'server access logs would need a second bucket to hold a copy of the same facts.',
    });
    this.acknowledgeNotificationsHandler();
  }

  /** Lets a browser on `origin` send upload forms (presigned POSTs); nothing else is allowed cross-origin. */
  allowBrowserUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: [origin], allowedHeaders: ['*'], maxAge: 3600 });
  }

  /** `actions` on the objects under `prefix`: keys there are per job, known only at run time, so the grant ends in a wildcard. */
  grantObjects(grantee: iam.IGrantable & { readonly role?: iam.IRole }, prefix: string, ...actions: ObjectAction[]): void {
    const objects = `${this.bucketArn}/${prefix}*`;
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [objects] }));
    if (grantee.role) {
      acknowledgeWildcardResource(
        grantee.role,
        objects,
        `Objects under ${prefix} are keyed by job id (${prefix}{jobId}/...), which exists only at run time; the grant covers that prefix and nothing else.`,
      );
    }
  }

  /**
   * s3:ListBucket on the bucket: asked for an object that does not exist, S3 answers 404 only to
   * a caller that may list the bucket (403 otherwise), and deleting a job's prefix lists it first.
   */
  grantListing(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucketArn] }));
  }

  /** The handler CDK adds (one per stack, run only while deploying) to switch on the bucket's EventBridge notifications. */
  private acknowledgeNotificationsHandler(): void {
    const handler = Stack.of(this).node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (!handler) throw new Error('CDK no longer adds its bucket-notifications handler where expected; find it and acknowledge its findings again.');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's bucket-notifications handler, which CDK gives the basic execution role; it runs only during deployments, to set the upload bucket's notifications.",
    });
  }
}
