import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { WebConfigSchema } from '../../shared/contracts/web-config';
import { API_ROUTES, FUNCTIONS, PIPELINE_STEPS, type HandlerName } from '../../infra/function-registry';
import { PIPELINE_TIMEOUT_SECONDS } from '../../shared/domain/pipeline-limits';
import { stageSettings } from '../../infra/stage';
import { allPermissions, flat, functionIdOf, logicalIdOf, permissionsOf, synthesize, type CfnResource } from './lecture-notes-app';

const dev = synthesize('dev', { alarmEmail: 'ops@example.com' });
const prod = synthesize('prod');
const { template, resources } = dev;

const ALL_HANDLERS = Object.keys(FUNCTIONS) as HandlerName[];
const UPLOAD_EVENT_HANDLER = 'start-run';
const RUN_END_EVENT_HANDLER = 'record-run-end';
const UPLOAD_REDRIVE_HANDLER = 'redrive-uploads';

const idOfType = (type: string, from: Record<string, CfnResource> = resources) => logicalIdOf(from, type, () => true);
const propertiesOf = (id: string, from: Record<string, CfnResource> = resources) => from[id]!.Properties!;
const tableId = idOfType('AWS::DynamoDB::GlobalTable');
const distributionId = idOfType('AWS::CloudFront::Distribution');
const restApiId = idOfType('AWS::ApiGateway::RestApi');
const stateMachineId = idOfType('AWS::StepFunctions::StateMachine');
const uploadBucketId = logicalIdOf(resources, 'AWS::S3::Bucket', (properties) => properties.BucketName !== undefined);
const webBucketId = logicalIdOf(resources, 'AWS::S3::Bucket', (properties) => properties.BucketName === undefined);

/** The deployed definition, its function ARNs left as <LogicalId.Arn>. */
function definitionOf(from: Record<string, CfnResource>) {
  const id = idOfType('AWS::StepFunctions::StateMachine', from);
  return JSON.parse(flat(propertiesOf(id, from).DefinitionString)) as { TimeoutSeconds: number; States: Record<string, any> };
}

describe('every function', () => {
  it('is one of the app\'s handlers, and every handler has one', () => {
    const described = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function' && String(resource.Properties?.Description).startsWith('Lecture Notes: '))
      .map((resource) => resource.Properties!.Description.replace('Lecture Notes: ', ''));
    expect(described.sort()).toEqual([...ALL_HANDLERS].sort());
  });

  it.each(ALL_HANDLERS)('%s runs Node.js 22 on ARM, traced, with the defaults merged into its environment and its own log group', (handler) => {
    const fn = propertiesOf(functionIdOf(resources, handler));
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' } });
    expect(fn.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'lecture-notes',
      POWERTOOLS_METRICS_NAMESPACE: 'LectureNotes',
      JOBS_TABLE: { Ref: tableId },
      JOB_RETENTION_DAYS: String(stageSettings('dev').jobRetentionDays),
      MAX_UPLOAD_BYTES: String(2 * 1024 ** 3),
    });
    expect(flat(fn.Environment.Variables.BUCKET_NAME)).toBe('lecture-notes-dev-<AWS::AccountId>-<AWS::Region>');
    expect(propertiesOf(fn.LoggingConfig.LogGroup.Ref).RetentionInDays).toBe(7);
  });
});

describe('permissions', () => {
  const base = ['logs:CreateLogStream own-log-group', 'logs:PutLogEvents own-log-group', 'xray:PutTelemetryRecords *', 'xray:PutTraceSegments *'];
  const jobRecord = ['dynamodb:GetItem jobs-table', 'dynamodb:UpdateItem jobs-table'];
  const expected: Record<string, string[]> = {
    'start-job': [...jobRecord, 's3:GetObject bucket/uploads/*', 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket'],
    'submit-transcription': [...jobRecord, 's3:GetObject bucket/uploads/*', 'secretsmanager:GetSecretValue secret:assemblyai'],
    'check-transcription': [...jobRecord, 's3:PutObject bucket/jobs/*', 'secretsmanager:GetSecretValue secret:assemblyai'],
    'import-captions': ['s3:GetObject bucket/uploads/*', 's3:PutObject bucket/jobs/*'],
    'chunk-transcript': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*'],
    'generate-chunk-notes': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*', 's3:ListBucket bucket', 'secretsmanager:GetSecretValue secret:openai'],
    'merge-notes': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*'],
    'complete-job': jobRecord,
    'record-failure': jobRecord,
    'start-run': ['dynamodb:GetItem jobs-table', 'states:StartExecution state-machine'],
    'record-run-end': jobRecord,
    // Exactly what start-run may do, and taking the undelivered upload events off their queue: no visibility changes, no other queue.
    'redrive-uploads': [
      'dynamodb:GetItem jobs-table',
      'states:StartExecution state-machine',
      'sqs:DeleteMessage dead-letters-of:start-run',
      'sqs:ReceiveMessage dead-letters-of:start-run',
    ],
    'create-job': ['dynamodb:PutItem jobs-table', 's3:PutObject bucket/uploads/*', 'secretsmanager:GetSecretValue secret:assemblyai'],
    'renew-upload': ['dynamodb:GetItem jobs-table', 's3:PutObject bucket/uploads/*'],
    // The read routes fail a job past its run's time limit before answering.
    'list-jobs': ['dynamodb:Query jobs-table/index/byOwner', ...jobRecord],
    'get-job': jobRecord,
    'get-notes': ['dynamodb:GetItem jobs-table', 's3:GetObject bucket/jobs/*'],
    'retry-job': [...jobRecord, 's3:GetObject bucket/uploads/*', 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket', 'states:StartExecution state-machine'],
    'delete-job': [...jobRecord, 'dynamodb:DeleteItem jobs-table', 'dynamodb:PutItem jobs-table', 's3:DeleteObject bucket/uploads/*', 's3:DeleteObject bucket/jobs/*', 's3:ListBucket bucket'],
  };

  it('are spelled out for every handler', () => {
    expect(Object.keys(expected).sort()).toEqual([...ALL_HANDLERS].sort());
  });

  it.each(Object.entries(expected))('of %s are exactly what it needs, on exactly the resources it touches', (handler, own) => {
    expect(permissionsOf(resources, handler)).toEqual([...base, ...own].sort());
  });

  it('grant "*" only for actions AWS offers no narrower resource for', () => {
    const unscopable = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const onEverything = allPermissions(resources).filter((pair) => pair.resource === '*');
    expect(onEverything.length).toBeGreaterThan(0);
    expect(onEverything.filter((pair) => !unscopable.test(pair.action))).toEqual([]);
  });

  it('let only the provider-calling functions read a provider key, and tell only them where it is', () => {
    const secretReaders = (secret: string) =>
      ALL_HANDLERS.filter((handler) => permissionsOf(resources, handler).includes(`secretsmanager:GetSecretValue ${secret}`)).sort();
    expect(secretReaders('secret:assemblyai')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(secretReaders('secret:openai')).toEqual(['generate-chunk-notes']);
    expect(allPermissions(resources).filter((pair) => pair.action.startsWith('secretsmanager:'))).toHaveLength(4);

    const withVariable = (name: string) => ALL_HANDLERS.filter((handler) => propertiesOf(functionIdOf(resources, handler)).Environment.Variables[name]).sort();
    expect(withVariable('ASSEMBLYAI_SECRET_ARN')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(withVariable('OPENAI_SECRET_ARN')).toEqual(['generate-chunk-notes']);
    expect(withVariable('STATE_MACHINE_ARN')).toEqual(['redrive-uploads', 'retry-job', 'start-run']);
    expect(withVariable('UNDELIVERED_UPLOADS_QUEUE_URL')).toEqual(['redrive-uploads']);
  });
});

describe('provider keys', () => {
  it('live in Secrets Manager holding a placeholder, never a key, their names an output', () => {
    const secrets = Object.values(resources).filter((resource) => resource.Type === 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) expect(secret.Properties!.SecretString).toBe('placeholder');
    expect(Object.keys(dev.outputs)).toEqual(expect.arrayContaining(['AssemblyAiKeySecretName', 'OpenAiKeySecretName']));
  });
});

describe('the notes pipeline', () => {
  const definition = definitionOf(resources);
  const map = definition.States.GenerateNotes;
  const tasks = Object.entries<any>({ ...definition.States, ...map.ItemProcessor.States }).filter(([, state]) => state.Type === 'Task');

  it('is a Standard state machine, traced, logging errors without execution data, with a time limit', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false, Destinations: [Match.objectLike({})] },
    });
    expect(definition.TimeoutSeconds).toBe(PIPELINE_TIMEOUT_SECONDS);
  });

  it('fans out with the stage\'s concurrency', () => {
    expect(map.MaxConcurrency).toBe(stageSettings('dev').notesConcurrency);
    expect(definitionOf(prod.resources).States.GenerateNotes.MaxConcurrency).toBe(stageSettings('prod').notesConcurrency);
  });

  it('bounds every task in time and retries it with capped, jittered backoff', () => {
    expect(tasks).toHaveLength(Object.keys(PIPELINE_STEPS).length);
    for (const [, task] of tasks) {
      expect(task.TimeoutSeconds).toBeGreaterThan(0);
      expect(task.Retry.length).toBeGreaterThan(0);
      for (const retrier of task.Retry) expect(retrier).toMatchObject({ BackoffRate: expect.any(Number), JitterStrategy: 'FULL', MaxDelaySeconds: expect.any(Number) });
    }
  });

  it('starts for every object created under uploads/ in the upload bucket, through start-run, with retries and a dead-letter queue', () => {
    const rule = propertiesOf(logicalIdOf(resources, 'AWS::Events::Rule', (properties) => properties.EventPattern.source[0] === 'aws.s3'));
    expect(rule.EventPattern).toMatchObject({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { object: { key: [{ prefix: 'uploads/' }] } } });
    expect(flat(rule.EventPattern.detail.bucket.name[0])).toBe(flat(propertiesOf(uploadBucketId).BucketName));
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [functionIdOf(resources, UPLOAD_EVENT_HANDLER), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
      }),
    ]);
    expect(resources[rule.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0]]!.Type).toBe('AWS::SQS::Queue');
  });

  it("fails the job of a run that ends FAILED, TIMED_OUT or ABORTED, for this state machine's runs only, with retries and a dead-letter queue of its own", () => {
    const rule = propertiesOf(logicalIdOf(resources, 'AWS::Events::Rule', (properties) => properties.EventPattern.source[0] === 'aws.states'));
    expect(rule.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { stateMachineArn: [{ Ref: stateMachineId }], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [functionIdOf(resources, RUN_END_EVENT_HANDLER), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
      }),
    ]);
    const queues = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::SQS::Queue').map(([id]) => id);
    const deadLetters = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::Events::Rule')
      .map((resource) => resource.Properties!.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0]);
    expect(new Set(deadLetters).size).toBe(2);
    expect(queues).toEqual(expect.arrayContaining(deadLetters));
  });

  it('lets EventBridge invoke the run-end handler for that rule only', () => {
    const rule = logicalIdOf(resources, 'AWS::Events::Rule', (properties) => properties.EventPattern.source[0] === 'aws.states');
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionIdOf(resources, RUN_END_EVENT_HANDLER), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] },
    });
  });
});

describe('the status API', () => {
  const methods = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method').map((resource) => resource.Properties!);
  const pathOf = (resourceId: { Ref?: string; 'Fn::GetAtt'?: string[] }): string => {
    if (!resourceId.Ref) return '';
    const resource = propertiesOf(resourceId.Ref);
    return `${pathOf(resource.ParentId)}/${resource.PathPart}`;
  };
  const methodFor = (method: string, path: string) => methods.find((candidate) => candidate.HttpMethod === method && pathOf(candidate.ResourceId) === path);

  it('is regional (CloudFront is in front of it)', () => {
    expect(propertiesOf(restApiId).EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
  });

  it('has one method per route, each behind the Cognito authorizer and the request validator, and no OPTIONS of its own', () => {
    const authorizer = propertiesOf(idOfType('AWS::ApiGateway::Authorizer'));
    expect(authorizer).toMatchObject({ Type: 'COGNITO_USER_POOLS', ProviderARNs: [{ 'Fn::GetAtt': [idOfType('AWS::Cognito::UserPool'), 'Arn'] }] });
    const validator = propertiesOf(idOfType('AWS::ApiGateway::RequestValidator'));
    expect(validator).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
    expect(methods.filter((method) => method.HttpMethod !== 'ANY')).toHaveLength(API_ROUTES.length);
    for (const route of API_ROUTES) {
      expect(methodFor(route.method, route.path), `${route.method} ${route.path}`).toMatchObject({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: idOfType('AWS::ApiGateway::Authorizer') },
        RequestValidatorId: { Ref: idOfType('AWS::ApiGateway::RequestValidator') },
      });
    }
    expect(methods.filter((method) => method.HttpMethod === 'OPTIONS')).toEqual([]);
  });

  it('answers any other method on a route\'s path with a mock 405 listing the methods it has, and runs nothing', () => {
    const paths = [...new Set(API_ROUTES.map((route) => route.path))];
    expect(methods.filter((method) => method.HttpMethod === 'ANY').map((method) => pathOf(method.ResourceId)).sort()).toEqual(paths.sort());
    for (const path of paths) {
      const allowed = API_ROUTES.filter((route) => route.path === path).map((route) => route.method).join(', ');
      const any = methodFor('ANY', path)!;
      expect(any.Integration).toMatchObject({ Type: 'MOCK', RequestTemplates: { 'application/json': '{"statusCode": 405}' } });
      const [answer] = any.Integration.IntegrationResponses;
      expect(answer).toMatchObject({
        StatusCode: '405',
        ResponseParameters: { 'method.response.header.Allow': `'${allowed}'`, 'method.response.header.x-content-type-options': "'nosniff'" },
      });
      expect(JSON.parse(answer.ResponseTemplates['application/json'])).toEqual({ error: 'MethodNotAllowed', message: `$context.httpMethod is not allowed here; use ${allowed}.` });
    }
  });

  it('checks the POST /jobs body against the request schema and requires every path parameter', () => {
    const post = methodFor('POST', '/jobs')!;
    const model = propertiesOf(post.RequestModels['application/json'].Ref);
    expect(model.Schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      required: ['fileName', 'contentType', 'sizeBytes'],
      properties: { fileName: { type: 'string', minLength: 1 }, sizeBytes: { type: 'integer', exclusiveMinimum: true } },
    });
    for (const route of API_ROUTES.filter((candidate) => candidate.path.includes('{jobId}'))) {
      expect(methodFor(route.method, route.path)!.RequestParameters).toEqual({ 'method.request.path.jobId': true });
    }
  });

  it('throttles each stage by its settings and writes JSON access logs to a log group with the stage\'s retention', () => {
    for (const [stage, synthesized] of [['dev', dev], ['prod', prod]] as const) {
      const { rateLimit, burstLimit } = stageSettings(stage).apiThrottle;
      const apiStage = propertiesOf(idOfType('AWS::ApiGateway::Stage', synthesized.resources), synthesized.resources);
      expect(apiStage.MethodSettings).toEqual([
        expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit, LoggingLevel: 'ERROR', DataTraceEnabled: false }),
      ]);
      expect(apiStage.TracingEnabled).toBe(true);
      expect(JSON.parse(apiStage.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
      const accessLogs = propertiesOf(apiStage.AccessLogSetting.DestinationArn['Fn::GetAtt'][0], synthesized.resources);
      expect(accessLogs.RetentionInDays).toBe(stage === 'dev' ? 7 : 90);
    }
  });

  it('keeps its execution logs in a log group of its own, with retention, made before the stage', () => {
    const executionLogsId = logicalIdOf(resources, 'AWS::Logs::LogGroup', (properties) => flat(properties.LogGroupName ?? '').startsWith('API-Gateway-Execution-Logs_'));
    expect(flat(propertiesOf(executionLogsId).LogGroupName)).toBe(`API-Gateway-Execution-Logs_<${restApiId}>/dev`);
    expect(propertiesOf(executionLogsId).RetentionInDays).toBe(7);
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([executionLogsId]) });
  });

  it('answers its own errors in the API\'s {error, message} shape', () => {
    const responses = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::GatewayResponse');
    expect(responses.map((response) => response.Properties!.ResponseType).sort()).toEqual(
      ['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN', 'UNAUTHORIZED'],
    );
    // A path with no resource is not found, not API Gateway's 403 "Missing Authentication Token".
    const noRoute = responses.find((response) => response.Properties!.ResponseType === 'MISSING_AUTHENTICATION_TOKEN')!.Properties!;
    expect(noRoute.StatusCode).toBe('404');
    expect(JSON.parse(noRoute.ResponseTemplates['application/json'])).toMatchObject({ error: 'NotFound' });
    for (const response of responses) {
      expect(response.Properties!.ResponseParameters).toMatchObject({ 'gatewayresponse.header.x-content-type-options': "'nosniff'" });
      // messageString is a quoted JSON string: substitute one to see that the template is JSON.
      const body = response.Properties!.ResponseTemplates['application/json'].replace('$context.error.messageString', '"Unauthorized"');
      expect(Object.keys(JSON.parse(body))).toEqual(['error', 'message']);
    }
  });
});

describe('storage', () => {
  const tlsOnly = {
    Effect: 'Deny',
    Action: 's3:*',
    Principal: { AWS: '*' },
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  const policyOf = (bucketId: string) =>
    propertiesOf(logicalIdOf(resources, 'AWS::S3::BucketPolicy', (properties) => properties.Bucket.Ref === bucketId)).PolicyDocument.Statement as any[];

  it.each([
    ['upload', uploadBucketId],
    ['web', webBucketId],
  ])('keeps the %s bucket private, encrypted and TLS-only', (_name, bucketId) => {
    expect(propertiesOf(bucketId)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(policyOf(bucketId)).toContainEqual(expect.objectContaining(tlsOnly));
  });

  it('lets only the web origin send upload forms to the upload bucket, and announces uploads to EventBridge', () => {
    expect(propertiesOf(uploadBucketId).CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }] }),
    ]);
    template.hasResourceProperties('Custom::S3BucketNotifications', { BucketName: { Ref: uploadBucketId }, NotificationConfiguration: { EventBridgeConfiguration: {} } });
  });

  it('expires uploads and artifacts by the stage\'s retention', () => {
    const rules = (synthesized: typeof dev) =>
      propertiesOf(logicalIdOf(synthesized.resources, 'AWS::S3::Bucket', (properties) => properties.BucketName !== undefined), synthesized.resources).LifecycleConfiguration.Rules;
    expect(rules(dev)).toEqual(expect.arrayContaining([
      expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: stageSettings('dev').uploadRetentionDays }),
      expect.objectContaining({ Prefix: 'jobs/', ExpirationInDays: stageSettings('dev').jobRetentionDays }),
    ]));
    expect(rules(prod)).toEqual(expect.arrayContaining([expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: stageSettings('prod').uploadRetentionDays })]));
  });

  it('keeps jobs in an on-demand table with point-in-time recovery, expiry by TTL and an index of each owner\'s jobs by time', () => {
    expect(propertiesOf(tableId)).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] })],
    });
  });

  it('lets only this distribution read the web bucket', () => {
    const allowed = policyOf(webBucketId).filter((statement) => statement.Effect === 'Allow');
    expect(allowed.filter((statement) => JSON.stringify(statement.Principal).includes('"*"'))).toEqual([]);
    const reads = allowed.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('s3:GetObject')));
    expect(reads).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(flat(reads[0].Condition.StringEquals['AWS:SourceArn'])).toContain(`distribution/<${distributionId}>`);
  });
});

describe('web hosting', () => {
  const distribution = propertiesOf(distributionId).DistributionConfig;

  it('serves the web bucket through origin access control, over HTTPS, with security headers', () => {
    const s3Origin = distribution.Origins.find((origin: any) => origin.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [idOfType('AWS::CloudFront::OriginAccessControl'), 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      ResponseHeadersPolicyId: { Ref: idOfType('AWS::CloudFront::ResponseHeadersPolicy') },
    });
    expect(distribution.DefaultRootObject).toBe('index.html');
  });

  it('sends /jobs* to the API uncached, with every method, the Authorization header and the query string, but not the Host', () => {
    const [behavior] = distribution.CacheBehaviors;
    expect(distribution.CacheBehaviors).toHaveLength(1);
    expect(behavior).toMatchObject({
      PathPattern: '/jobs*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'DELETE', 'OPTIONS']),
      CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    });
    const apiOrigin = distribution.Origins.find((origin: any) => origin.Id === behavior.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(`"Ref":"${restApiId}"`);
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('sends a CSP that allows connecting only to itself, the upload bucket and Cognito, with HSTS, nosniff and no framing', () => {
    const headers = propertiesOf(idOfType('AWS::CloudFront::ResponseHeadersPolicy')).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
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
      `https://<${idOfType('AWS::Cognito::UserPoolDomain')}>.auth.<AWS::Region>.amazoncognito.com`,
      'https://cognito-idp.<AWS::Region>.amazonaws.com',
    ]);
  });

  it('signs in through Cognito\'s hosted pages: authorization code for a public client, back to the web URL only', () => {
    const webUrl = flat((dev.outputs.WebUrl as { Value: unknown }).Value);
    expect(webUrl).toBe(`https://<${distributionId}.DomainName>/`);
    const client = propertiesOf(idOfType('AWS::Cognito::UserPoolClient'));
    expect(client).toMatchObject({ AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: ['COGNITO'] });
    expect(client.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.GenerateSecret).toBeUndefined();
    expect(client.CallbackURLs.map(flat)).toEqual([webUrl]);
    expect(client.LogoutURLs.map(flat)).toEqual([webUrl]);
    expect(flat(propertiesOf(idOfType('AWS::Cognito::UserPoolDomain')).Domain)).toBe('lecture-notes-dev-<AWS::AccountId>');
  });

  it('deploys the build with a config.json that fits the web client\'s contract and points at this stack', () => {
    const deployment = propertiesOf(idOfType('Custom::CDKBucketDeployment'));
    expect(deployment.DestinationBucketName).toEqual({ Ref: webBucketId });
    const configKey = (deployment.SourceObjectKeys as string[]).find((key) => {
      const folder = join(dev.assemblyDirectory, `asset.${key.replace(/\.zip$/, '')}`);
      return existsSync(join(folder, 'config.json'));
    });
    expect(configKey).toBeDefined();
    const markers = deployment.SourceMarkers[deployment.SourceObjectKeys.indexOf(configKey)] as Record<string, unknown>;
    // Each deploy-time value stands in the file as a marker; put in what it refers to.
    let text = readFileSync(join(dev.assemblyDirectory, `asset.${configKey!.replace(/\.zip$/, '')}`, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.replaceAll(marker, flat(value).replace(/[<>.:]/g, ''));
    const config = WebConfigSchema.parse(JSON.parse(text));
    expect(config).toEqual({
      apiUrl: '',
      maxUploadBytes: 2 * 1024 ** 3,
      auth: {
        mode: 'cognito',
        region: 'AWSRegion',
        userPoolId: idOfType('AWS::Cognito::UserPool'),
        clientId: idOfType('AWS::Cognito::UserPoolClient'),
        domain: `https://${idOfType('AWS::Cognito::UserPoolDomain')}.auth.AWSRegion.amazoncognito.com`,
      },
    });
  });
});

describe('operations', () => {
  const alarms = Object.values(resources).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm').map((resource) => resource.Properties!);
  const topicId = idOfType('AWS::SNS::Topic');
  const alarmOn = (namespace: string, metricName: string, dimension?: unknown) =>
    alarms.filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metricName && (!dimension || JSON.stringify(alarm.Dimensions).includes(JSON.stringify(dimension))));

  it('alarms on failed and timed-out runs and API 5xx at the first occurrence', () => {
    for (const [namespace, metric] of [['AWS/States', 'ExecutionsFailed'], ['AWS/States', 'ExecutionsTimedOut'], ['AWS/ApiGateway', '5XXError']]) {
      expect(alarmOn(namespace!, metric!), metric).toEqual([expect.objectContaining({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })]);
    }
    expect(alarmOn('AWS/States', 'ExecutionsFailed')[0]!.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: { Ref: stateMachineId } }]);
  });

  it('alarms at the first event either rule could not deliver, in one alarm over both dead-letter queues', () => {
    const queues = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::SQS::Queue').map(([id]) => id);
    const overQueues = alarms.filter((alarm) =>
      ((alarm.Metrics ?? []) as { MetricStat?: { Metric: { Namespace: string } } }[]).some(({ MetricStat }) => MetricStat?.Metric.Namespace === 'AWS/SQS'),
    );
    expect(overQueues).toEqual([expect.objectContaining({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })]);
    const counted = (overQueues[0]!.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: unknown }[] } } }[])
      .filter(({ MetricStat }) => MetricStat)
      .map(({ MetricStat }) => ({ metric: MetricStat!.Metric.MetricName, queue: flat(MetricStat!.Metric.Dimensions[0]!.Value) }));
    expect(counted.map(({ metric }) => metric)).toEqual(['ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesVisible']);
    expect(counted.map(({ queue }) => queue).sort()).toEqual(queues.map((id) => `<${id}.QueueName>`).sort());
  });

  /** Alarms adding up a Lambda metric of several functions with metric math. */
  const groupAlarmsOver = (metricName: string, dimension: unknown) =>
    alarms.filter((alarm) => {
      const metrics = (alarm.Metrics ?? []) as { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } } }[];
      return metrics.some(
        ({ MetricStat }) =>
          MetricStat?.Metric.Namespace === 'AWS/Lambda' &&
          MetricStat.Metric.MetricName === metricName &&
          JSON.stringify(MetricStat.Metric.Dimensions).includes(JSON.stringify(dimension)),
      );
    });

  it.each(ALL_HANDLERS)('alarms on errors and throttles of %s, in one group alarm each', (handler) => {
    const dimension = { Name: 'FunctionName', Value: { Ref: functionIdOf(resources, handler) } };
    expect(groupAlarmsOver('Errors', dimension)).toEqual([expect.objectContaining({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })]);
    expect(groupAlarmsOver('Throttles', dimension)).toHaveLength(1);
  });

  it('keeps the idle cost low: a few grouped alarms, not two per function', () => {
    expect(alarms.length).toBeLessThanOrEqual(8);
  });

  it('sends every alarm to the alarm topic, which e-mails the given address', () => {
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    expect(Object.values(prod.resources).filter((resource) => resource.Type === 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('draws runs, run time, Lambda, the API and the handlers\' own metrics on one dashboard', () => {
    const body = flat(propertiesOf(idOfType('AWS::CloudWatch::Dashboard')).DashboardBody);
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionTime', 'Errors', 'Duration', 'Latency', '4XXError', '5XXError']) {
      expect(body).toContain(`"${metric}"`);
    }
    for (const metric of ['JobsStarted', 'JobsCompleted', 'JobsFailed', 'AudioMinutes', 'InputTokens', 'OutputTokens']) {
      expect(body).toContain(`"LectureNotes","${metric}","service","lecture-notes"`);
    }
    expect(body).toContain('MetricName=\\"StageDurationSeconds\\"');
    expect(body).toMatch(/"stat":"p90"/);
  });

  it('outputs what a person needs after deploying', () => {
    expect(Object.keys(dev.outputs).sort()).toEqual(
      ['AlarmTopicArn', 'ApiUrl', 'AssemblyAiKeySecretName', 'DashboardName', 'OpenAiKeySecretName', 'RedriveUploadsFunctionName', 'UserPoolClientId', 'UserPoolId', 'WebUrl'],
    );
    expect((dev.outputs.RedriveUploadsFunctionName as { Value: unknown }).Value).toEqual({ Ref: functionIdOf(resources, UPLOAD_REDRIVE_HANDLER) });
  });
});

describe('stages', () => {
  const policiesOf = (synthesized: typeof dev, type: string) =>
    Object.values(synthesized.resources).filter((resource) => resource.Type === type).map((resource) => resource.DeletionPolicy);

  it.each(['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup'])('prod keeps every %s on teardown, dev removes it', (type) => {
    expect(new Set(policiesOf(prod, type))).toEqual(new Set(['Retain']));
    expect(new Set(policiesOf(dev, type))).toEqual(new Set(['Delete']));
  });

  it('prod keeps the upload bucket on teardown and dev empties and removes it; the web bucket is rebuilt either way', () => {
    const uploadBucket = (synthesized: typeof dev) => Object.values(synthesized.resources).find((resource) => resource.Type === 'AWS::S3::Bucket' && resource.Properties?.BucketName)!;
    expect(uploadBucket(prod).DeletionPolicy).toBe('Retain');
    expect(uploadBucket(dev).DeletionPolicy).toBe('Delete');
    const autoDeleted = (synthesized: typeof dev) =>
      Object.values(synthesized.resources).filter((resource) => resource.Type === 'Custom::S3AutoDeleteObjects').map((resource) => flat(resource.Properties!.BucketName));
    expect(autoDeleted(dev)).toHaveLength(2);
    expect(autoDeleted(prod)).toHaveLength(1);
  });

  it('prod keeps logs three months, dev a week', () => {
    const retentions = (synthesized: typeof dev) =>
      new Set(Object.values(synthesized.resources).filter((resource) => resource.Type === 'AWS::Logs::LogGroup').map((resource) => resource.Properties!.RetentionInDays));
    expect(retentions(dev)).toEqual(new Set([7]));
    expect(retentions(prod)).toEqual(new Set([90]));
  });
});
