import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Capture, Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { buildApiDescription } from '../../../infra/api-description';
import { flattenIntrinsics as flat } from '../../../infra/nag';
import { WebConfigSchema } from '../../../shared/contracts/web-config';
import { expectPrivateTlsOnlyBucket, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template, assemblyDirectory } = synthesizeStack('dev');
const distributionId = template.getResourceId('AWS::CloudFront::Distribution');
const restApiId = template.getResourceId('AWS::ApiGateway::RestApi');
/** The web bucket is the one whose name is generated; the jobs bucket's is fixed. */
const webBucketId = template.getResourceId('AWS::S3::Bucket', { Properties: { BucketName: Match.absent() } });
const distribution = propertiesOf(template, 'AWS::CloudFront::Distribution').DistributionConfig;

describe('web hosting', () => {
  it('keeps the web bucket private, encrypted and TLS-only', () => {
    expectPrivateTlsOnlyBucket(template, webBucketId);
  });

  it('lets only this distribution read the web bucket', () => {
    const statements = propertiesOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: webBucketId } }).PolicyDocument.Statement as any[];
    const allowed = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allowed.filter((statement) => JSON.stringify(statement.Principal).includes('"*"'))).toEqual([]);
    const reads = allowed.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('s3:GetObject')));
    expect(reads).toEqual([
      expect.objectContaining({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } } }),
    ]);
    expect(flat(reads[0].Condition.StringEquals['AWS:SourceArn'])).toContain(`distribution/<${distributionId}>`);
  });

  it('serves the web bucket through origin access control, over HTTPS, with security headers', () => {
    const s3Origin = new Capture();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            Id: s3Origin,
            OriginAccessControlId: { 'Fn::GetAtt': [template.getResourceId('AWS::CloudFront::OriginAccessControl'), 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ]),
        DefaultRootObject: 'index.html',
      }),
    });
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin.asString(),
      ViewerProtocolPolicy: 'redirect-to-https',
      ResponseHeadersPolicyId: { Ref: template.getResourceId('AWS::CloudFront::ResponseHeadersPolicy') },
    });
  });

  it('sends /jobs* to the API uncached, with every method, the Authorization header and the query string, but not the Host', () => {
    const apiOrigin = new Capture();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/jobs*',
            TargetOriginId: apiOrigin,
            ViewerProtocolPolicy: 'https-only',
            // In CloudFront's order of methods.
            AllowedMethods: Match.arrayWith(['GET', 'OPTIONS', 'POST', 'DELETE']),
            CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
            OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
          }),
        ],
      }),
    });
    const origin = distribution.Origins.find((candidate: { Id: string }) => candidate.Id === apiOrigin.asString());
    expect(JSON.stringify(origin.DomainName)).toContain(`"Ref":"${restApiId}"`);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('sends a CSP that allows connecting only to itself, the jobs bucket and Cognito, and media from the bucket, with HSTS, nosniff and no framing', () => {
    const headers = propertiesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      StrictTransportSecurity: { Override: true, AccessControlMaxAgeSec: expect.any(Number) },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    const csp = flat(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const connect = csp.split('; ').find((directive) => directive.startsWith('connect-src'))!.split(' ').slice(1);
    expect(connect).toEqual([
      "'self'",
      'https://lecture-notes-dev-<AWS::AccountId>-<AWS::Region>.s3.<AWS::Region>.<AWS::URLSuffix>',
      'https://lecture-notes-dev-<AWS::AccountId>-<AWS::Region>.s3.<AWS::URLSuffix>',
      `https://<${template.getResourceId('AWS::Cognito::UserPoolDomain')}>.auth.<AWS::Region>.amazoncognito.com`,
      'https://cognito-idp.<AWS::Region>.amazonaws.com',
    ]);
    // The notes page's player streams the recording from a presigned GET of the bucket.
    const media = csp.split('; ').find((directive) => directive.startsWith('media-src'))!.split(' ').slice(1);
    expect(media).toEqual(["'self'", 'blob:', ...connect.slice(1, 3)]);
  });

  it("signs in through Cognito's hosted pages: authorization code for a public client, back to the web URL only", () => {
    const webUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };
    template.hasOutput('WebUrl', { Value: webUrl });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: Match.absent(),
      CallbackURLs: [webUrl],
      LogoutURLs: [webUrl],
    });
    expect(propertiesOf(template, 'AWS::Cognito::UserPoolClient').AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(flat(propertiesOf(template, 'AWS::Cognito::UserPoolDomain').Domain)).toBe('lecture-notes-dev-<AWS::AccountId>');
  });

  it("deploys the build with a config.json that fits the web client's contract and points at this stack", () => {
    const deployment = propertiesOf(template, 'Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: webBucketId } });
    const assetFolder = (key: string) => join(assemblyDirectory, `asset.${key.replace(/\.zip$/, '')}`);
    const configKey = (deployment.SourceObjectKeys as string[]).find((key) => existsSync(join(assetFolder(key), 'config.json')));
    expect(configKey).toBeDefined();
    const markers = deployment.SourceMarkers[deployment.SourceObjectKeys.indexOf(configKey)] as Record<string, unknown>;
    // Each deploy-time value stands in the file as a marker; put in what it refers to.
    let text = readFileSync(join(assetFolder(configKey!), 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.replaceAll(marker, flat(value).replace(/[<>.:]/g, ''));
    expect(WebConfigSchema.parse(JSON.parse(text))).toEqual({
      apiUrl: '',
      maxUploadBytes: 2 * 1024 ** 3,
      auth: {
        mode: 'cognito',
        region: 'AWSRegion',
        userPoolId: template.getResourceId('AWS::Cognito::UserPool'),
        clientId: template.getResourceId('AWS::Cognito::UserPoolClient'),
        domain: `https://${template.getResourceId('AWS::Cognito::UserPoolDomain')}.auth.AWSRegion.amazoncognito.com`,
      },
    });
  });

  it('deploys the API description beside the page, as the registry describes the routes of this synth', () => {
    const deployment = propertiesOf(template, 'Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: webBucketId } });
    const key = (deployment.SourceObjectKeys as string[]).find((candidate) => existsSync(join(assemblyDirectory, `asset.${candidate.replace(/\.zip$/, '')}`, 'openapi.json')));
    expect(key).toBeDefined();
    const deployed = JSON.parse(readFileSync(join(assemblyDirectory, `asset.${key!.replace(/\.zip$/, '')}`, 'openapi.json'), 'utf8'));
    expect(deployed).toEqual(buildApiDescription());
  });
});
