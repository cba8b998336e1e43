import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { WebConfig } from '../../shared/contracts/web-config';
import { API_DESCRIPTION_PATH, buildApiDescription } from '../api-description';
import { API_PATH_PATTERN } from '../function-registry';
import { acknowledgeWildcardResource } from '../nag';
import { REFERRER_POLICY, contentSecurityPolicy } from '../security-headers';
import type { StageSettings } from '../stage';
import type { UserDirectory } from './user-directory';

export interface WebHostingProps {
  /** A folder holding the built web client: index.html and its assets (`npm run build:web` writes web/dist). */
  readonly assetPath: string;
  /** Served under /jobs* on the page's own origin, so the page needs no CORS and its config no API URL. */
  readonly api: apigateway.RestApi;
  readonly users: UserDirectory;
  /** The jobs bucket's origins: its Content-Security-Policy lets the page send upload forms there (and nowhere else but Cognito) and play recordings from there. */
  readonly browserOrigins: string[];
  /** The largest upload the API accepts, so the page can refuse a file before sending anything. */
  readonly maxUploadBytes: number;
  readonly stage: StageSettings;
}

/**
 * The web client: a private bucket behind CloudFront (origin access control), the API on the same
 * origin, security headers on every answer, the Cognito app client it signs in with, and the
 * config.json that tells one build which stage it is talking to.
 */
export class WebHosting extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  /** `https://{distribution domain}` */
  public readonly origin: string;
  /** The page's address: the origin and "/", which is also the sign-in's redirect URI. */
  public readonly url: string;
  public readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    // Only the build output lives here, and every deployment rewrites it: nothing to keep.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only the public build of the web client, written by deployments and read by CloudFront alone (origin access control); its reads would log nothing worth keeping.',
    });

    const cognitoDomain = props.users.domain.baseUrl();
    const region = Stack.of(this).region;
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Lecture Notes (${props.stage.name}): CSP, HSTS, nosniff, no framing`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: contentSecurityPolicy(props.browserOrigins, [cognitoDomain, `https://cognito-idp.${region}.amazonaws.com`]),
        },
        strictTransportSecurity: { override: true, accessControlMaxAge: Duration.days(365), includeSubdomains: true },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: REFERRER_POLICY as cloudfront.HeadersReferrerPolicy },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Lecture Notes (${props.stage.name})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new origins.RestApiOrigin(props.api),
          // Tokens travel here: refuse plain HTTP rather than redirect it.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Authorization and query strings go through; Host must not (API Gateway routes on its own host name).
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
    this.acknowledgeDistributionFindings();

    this.webClient = props.users.addWebClient(this.url);
    const config: WebConfig = {
      apiUrl: '',
      maxUploadBytes: props.maxUploadBytes,
      auth: { mode: 'cognito', region, userPoolId: props.users.userPool.userPoolId, clientId: this.webClient.userPoolClientId, domain: cognitoDomain },
    };
    const build = new s3assets.Asset(this, 'Build', { path: props.assetPath });
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [
        s3deploy.Source.bucket(build.bucket, build.s3ObjectKey),
        s3deploy.Source.jsonData('config.json', config),
        // Written from the registry at every synth, so the deployed description is that of the deployed routes.
        s3deploy.Source.jsonData(API_DESCRIPTION_PATH.slice(1), buildApiDescription()),
      ],
      destinationBucket: this.bucket,
      // Browsers and CloudFront (after its 1-second minimum) revalidate every file, a 304 when unchanged: a new
      // index.html and config.json show at once, with no invalidation (whose grant CDK writes on "*").
      cacheControl: [s3deploy.CacheControl.noCache()],
      logGroup: new logs.LogGroup(this, 'DeploymentLogs', { retention: props.stage.logRetention, removalPolicy: props.stage.removalPolicy }),
    });
    this.acknowledgeDeploymentFindings(deployment, build);
  }

  private acknowledgeDistributionFindings(): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Lectures are watched and studied from anywhere; there is no country to exclude.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF web ACL (about $6 a month even when idle): the site is static, and every API route behind it needs a Cognito token and is throttled.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'CloudFront standard logs would need another bucket (with ACLs) or a paid log delivery; the API behind /jobs* keeps its own access logs.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: "Served on the distribution's own *.cloudfront.net certificate, for which CloudFront fixes the viewer security policy; a custom domain with its own certificate would allow TLSv1.2_2021.",
      },
    );
  }

  /** CDK's deployment handler (one Lambda for the stack, run only while deploying) comes with its own runtime and grants. */
  private acknowledgeDeploymentFindings(deployment: s3deploy.BucketDeployment, build: s3assets.Asset): void {
    const handler = deployment.handlerRole.node.scope;
    if (!handler) throw new Error('The BucketDeployment handler role has no scope; CDK changed how it builds the handler.');
    const assetGrant = "CDK's grant to the deployment handler to read the web build's asset, copied from CDK's asset bucket";
    const destinationGrant = "CDK's grant to the deployment handler to write the build into the web bucket and prune the files a new build no longer has";
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler: CDK chooses its Python runtime together with the AWS CLI layer it needs; it runs only during deployments." },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment handler role, which CDK gives the basic execution role; it runs only during deployments.",
      },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: `${assetGrant} and from the web bucket.` },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: `${assetGrant}.` },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: `${assetGrant}, listing what the web bucket holds before pruning.` },
      { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: `${destinationGrant}.` },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: `${destinationGrant}; aborting leaves no partial uploads.` },
    );
    acknowledgeWildcardResource(handler, build.bucket.arnForObjects('*'), `${assetGrant}: the asset's key is a hash of the build, known only at synth time.`);
    acknowledgeWildcardResource(handler, this.bucket.arnForObjects('*'), `${destinationGrant}: the whole web bucket is the build.`);
  }
}
