import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, ROUTE_FUNCTIONS } from '../../../infra/function-registry';
import { stageSettings, type StageName } from '../../../infra/stage';
import { functionIdOf, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');
const templates: Record<StageName, Template> = { dev: template, prod: synthesizeStack('prod').template };
const restApiId = template.getResourceId('AWS::ApiGateway::RestApi');
const PATHS = [...new Set(API_ROUTES.map((route) => route.path))];

/** The ResourceId a method on `path` refers to: the API's root, then one resource per path segment. */
function resourceOf(path: string): unknown {
  let parent: unknown = { 'Fn::GetAtt': [restApiId, 'RootResourceId'] };
  for (const part of path.split('/').slice(1)) {
    parent = { Ref: template.getResourceId('AWS::ApiGateway::Resource', { Properties: { PathPart: part, ParentId: parent } }) };
  }
  return parent;
}

const methodOn = (httpMethod: string, path: string) => propertiesOf(template, 'AWS::ApiGateway::Method', { HttpMethod: httpMethod, ResourceId: resourceOf(path) });

describe('the jobs API', () => {
  it('is regional (CloudFront is in front of it)', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it('passes the Word export through as bytes, and only it: every other answer stays text', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      BinaryMediaTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    });
  });

  it('has one method per route, running its own function behind the Cognito authorizer and the request validator, and no OPTIONS of its own', () => {
    const authorizerId = template.getResourceId('AWS::ApiGateway::Authorizer', {
      Properties: { Type: 'COGNITO_USER_POOLS', ProviderARNs: [{ 'Fn::GetAtt': [template.getResourceId('AWS::Cognito::UserPool'), 'Arn'] }] },
    });
    const validatorId = template.getResourceId('AWS::ApiGateway::RequestValidator', { Properties: { ValidateRequestBody: true, ValidateRequestParameters: true } });
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: Match.not('ANY') } }))).toHaveLength(API_ROUTES.length);
    for (const { handler, route } of ROUTE_FUNCTIONS) {
      expect(methodOn(route.method, route.path), `${route.method} ${route.path}`).toMatchObject({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: authorizerId },
        RequestValidatorId: { Ref: validatorId },
      });
      expect(JSON.stringify(methodOn(route.method, route.path).Integration.Uri)).toContain(`"${functionIdOf(template, handler)}"`);
    }
    expect(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } })).toEqual({});
  });

  it("answers any other method on a route's path with a mock 405 listing the methods it has, and runs nothing", () => {
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'ANY' } }))).toHaveLength(PATHS.length);
    for (const path of PATHS) {
      const allowed = API_ROUTES.filter((route) => route.path === path).map((route) => route.method).join(', ');
      const any = methodOn('ANY', path);
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
    const modelId = methodOn('POST', '/jobs').RequestModels['application/json'].Ref;
    expect(template.findResources('AWS::ApiGateway::Model')[modelId]).toMatchObject({
      Properties: {
        Schema: {
          $schema: 'http://json-schema.org/draft-04/schema#',
          type: 'object',
          required: ['fileName', 'contentType', 'sizeBytes'],
          properties: { fileName: { type: 'string', minLength: 1 }, sizeBytes: { type: 'integer', exclusiveMinimum: true } },
        },
      },
    });
    for (const route of API_ROUTES.filter((candidate) => candidate.path.includes('{'))) {
      const required = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((match) => [`method.request.path.${match[1]}`, true]));
      expect(Object.keys(required)).toContain('method.request.path.jobId');
      expect(methodOn(route.method, route.path).RequestParameters, `${route.method} ${route.path}`).toEqual(required);
    }
  });

  it.each<StageName>(['dev', 'prod'])("throttles %s by its settings and writes JSON access logs to a log group with the stage's retention", (stage) => {
    const synthesized = templates[stage];
    const { rateLimit, burstLimit } = stageSettings(stage).apiThrottle;
    synthesized.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit, LoggingLevel: 'ERROR', DataTraceEnabled: false }),
      ],
      TracingEnabled: true,
    });
    const apiStage = propertiesOf(synthesized, 'AWS::ApiGateway::Stage');
    expect(JSON.parse(apiStage.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(synthesized.findResources('AWS::Logs::LogGroup')[apiStage.AccessLogSetting.DestinationArn['Fn::GetAtt'][0]]).toMatchObject({
      Properties: { RetentionInDays: stage === 'dev' ? 7 : 90 },
    });
  });

  it('keeps its execution logs in a log group of its own, with retention, made before the stage', () => {
    const executionLogs = template.findResources('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: restApiId }, '/dev']] }, RetentionInDays: 7 },
    });
    expect(Object.keys(executionLogs)).toHaveLength(1);
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith(Object.keys(executionLogs)) });
  });

  it("answers its own errors in the API's {error, message} shape", () => {
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')).map((response) => response.Properties);
    expect(responses.map((response) => response.ResponseType).sort()).toEqual(
      ['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN', 'UNAUTHORIZED'],
    );
    // A path with no resource is not found, not API Gateway's 403 "Missing Authentication Token".
    const noRoute = propertiesOf(template, 'AWS::ApiGateway::GatewayResponse', { ResponseType: 'MISSING_AUTHENTICATION_TOKEN' });
    expect(noRoute.StatusCode).toBe('404');
    expect(JSON.parse(noRoute.ResponseTemplates['application/json'])).toMatchObject({ error: 'NotFound' });
    template.allResourcesProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.x-content-type-options': "'nosniff'" }),
    });
    for (const response of responses) {
      // messageString is a quoted JSON string: substitute one to see that the template is JSON.
      const body = response.ResponseTemplates['application/json'].replace('$context.error.messageString', '"Unauthorized"');
      expect(Object.keys(JSON.parse(body))).toEqual(['error', 'message']);
    }
  });
});
