import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import * as z from 'zod';
import { API_HEADERS } from '../../lambdas/runtime/api-headers';
import { BINARY_MEDIA_TYPES } from '../../shared/domain/exports/export-formats';
import { NO_SUCH_ROUTE, methodNotAllowed } from '../gateway-answers';
import { API_ROUTES, ROUTE_FUNCTIONS } from '../function-registry';
import type { StageSettings } from '../stage';
import { AppFunction } from './app-function';
import type { JobsTable } from './jobs-table';
import type { ProviderSecrets } from './provider-secrets';
import type { JobsBucket } from './jobs-bucket';

export interface JobsApiProps {
  readonly bucket: JobsBucket;
  readonly jobs: JobsTable;
  readonly secrets: ProviderSecrets;
  readonly stateMachine: sfn.IStateMachine;
  readonly userPool: cognito.IUserPool;
  readonly stage: StageSettings;
  /** Environment every route's function gets (bucket, table, limits). */
  readonly environment: Record<string, string>;
}

/** API Gateway's own answers (bad body, missing token, throttling, its own faults) in the API's error shape, {error, message}. */
const GATEWAY_ERRORS: Array<{ type: apigateway.ResponseType; error: string; message?: string; statusCode?: string }> = [
  { type: apigateway.ResponseType.DEFAULT_4XX, error: '"$context.error.responseType"' },
  { type: apigateway.ResponseType.DEFAULT_5XX, error: '"$context.error.responseType"' },
  { type: apigateway.ResponseType.UNAUTHORIZED, error: '"Unauthorized"' },
  { type: apigateway.ResponseType.BAD_REQUEST_BODY, error: '"InvalidRequest"' },
  { type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS, error: '"InvalidRequest"' },
  // A path with no resource: API Gateway's 403 "Missing Authentication Token" (or, with a bearer
  // token, a complaint about SigV4) is a 404 here, with a message of ours rather than its own.
  {
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    error: JSON.stringify(NO_SUCH_ROUTE.error),
    message: JSON.stringify(NO_SUCH_ROUTE.message),
    statusCode: '404',
  },
];

/** Headers on every answer API Gateway gives by itself, as the handlers' answers carry them (lambdas/runtime/api-headers.ts). */
const GATEWAY_HEADERS = Object.fromEntries(Object.entries(API_HEADERS).map(([name, value]) => [name, `'${value}'`]));

/** API Gateway models are JSON Schema draft 4. */
function requestModelSchema(schema: z.ZodType): apigateway.JsonSchema {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { target: 'draft-4', io: 'input' });
  return { schema: apigateway.JsonSchemaVersion.DRAFT4, ...rest } as apigateway.JsonSchema;
}

/** The jobs' REST API, through which the clients create, follow, retry and delete jobs: every route behind the user pool, checked and throttled before any function runs. */
export class JobsApi extends Construct {
  public readonly api: apigateway.RestApi;
  /** Each route's function, by handler name. */
  public readonly functions: Record<string, lambda.Function> = {};

  constructor(scope: Construct, id: string, props: JobsApiProps) {
    super(scope, id);
    const { stage } = props;
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `lecture-notes-${stage.name}`,
      description: 'Lecture Notes: create, list, follow, retry and delete jobs',
      // CloudFront serves it (web-hosting.ts); an edge-optimized API would put a second distribution in between.
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // The Word export comes base64-encoded from its function; API Gateway hands it on as bytes to a
      // client whose first Accept type is listed here, and every other answer stays text as it is.
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
      // API Gateway writes access and execution logs through an account-wide role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: stage.name,
        throttlingRateLimit: stage.apiThrottle.rateLimit,
        throttlingBurstLimit: stage.apiThrottle.burstLimit,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigateway.AccessLogField.contextRequestId(),
            time: apigateway.AccessLogField.contextRequestTime(),
            method: apigateway.AccessLogField.contextHttpMethod(),
            resource: apigateway.AccessLogField.contextResourcePath(),
            status: apigateway.AccessLogField.contextStatus(),
            latencyMs: apigateway.AccessLogField.contextResponseLatency(),
            responseBytes: apigateway.AccessLogField.contextResponseLength(),
            user: apigateway.AccessLogField.contextAuthorizerClaims('sub'),
            ip: apigateway.AccessLogField.contextIdentitySourceIp(),
            error: apigateway.AccessLogField.contextErrorMessage(),
            integrationError: apigateway.AccessLogField.contextIntegrationErrorMessage(),
          }),
        ),
        // Execution logs only for what went wrong, and never request or response bodies.
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
      },
    });
    // RestApi outputs its URL as "Endpoint"; the stack outputs it once, as ApiUrl.
    this.api.node.tryRemoveChild('Endpoint');
    this.keepExecutionLogs(stage);
    this.acknowledgeApiFindings();

    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [props.userPool] });
    const validator = this.api.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
    for (const { type, error, message = '$context.error.messageString', statusCode } of GATEWAY_ERRORS) {
      this.api.addGatewayResponse(`Gateway${type.responseType}`, {
        type,
        statusCode,
        responseHeaders: GATEWAY_HEADERS,
        templates: { 'application/json': `{"error":${error},"message":${message}}` },
      });
    }

    const resources = { bucket: props.bucket, jobs: props.jobs, secrets: props.secrets, stateMachine: props.stateMachine };
    for (const { handler, route } of ROUTE_FUNCTIONS) {
      const fn = new AppFunction(this, handler, {
        handler,
        resources,
        environment: props.environment,
        logRetention: stage.logRetention,
        removalPolicy: stage.removalPolicy,
      }).function;
      this.functions[handler] = fn;

      const body = route.requestBody;
      const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      this.api.root.resourceForPath(route.path).addMethod(route.method, new apigateway.LambdaIntegration(fn), {
        authorizer,
        authorizationType: apigateway.AuthorizationType.COGNITO,
        requestValidator: validator,
        requestParameters: Object.fromEntries(pathParameters.map((name) => [`method.request.path.${name}`, true])),
        requestModels: body && {
          'application/json': this.api.addModel(`${handler}-body`.replace(/\W/g, ''), {
            contentType: 'application/json',
            schema: requestModelSchema(body),
          }),
        },
      });
    }
    this.answerOtherMethods();
  }

  /**
   * A method a resource does not have would be API Gateway's 403 "Missing Authentication Token".
   * An ANY method answers it instead, as 405 with the methods the resource has in Allow: API
   * Gateway picks a resource's own methods before its ANY. It is a mock (no function runs) and
   * open (like the 405 of the local stand-in, it answers before authentication and tells nothing
   * but the methods, which are no secret).
   */
  private answerOtherMethods(): void {
    const paths = [...new Set(API_ROUTES.map((route) => route.path))];
    for (const path of paths) {
      const allowed = API_ROUTES.filter((route) => route.path === path).map((route) => route.method).join(', ');
      const headers = { Allow: `'${allowed}'`, ...GATEWAY_HEADERS };
      const method = this.api.root.resourceForPath(path).addMethod(
        'ANY',
        new apigateway.MockIntegration({
          // Only the status is asked of the mock: a body of any type is not read.
          passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
          requestTemplates: { 'application/json': '{"statusCode": 405}' },
          integrationResponses: [
            {
              statusCode: '405',
              responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value])),
              responseTemplates: { 'application/json': JSON.stringify(methodNotAllowed('$context.httpMethod', allowed)) },
            },
          ],
        }),
        {
          authorizationType: apigateway.AuthorizationType.NONE,
          methodResponses: [
            { statusCode: '405', responseParameters: Object.fromEntries(Object.keys(headers).map((name) => [`method.response.header.${name}`, true])) },
          ],
        },
      );
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'A mock answering 405 MethodNotAllowed to methods the resource does not have: no function runs and it reveals nothing but the allowed methods.',
      });
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: 'Open on purpose, like the local stand-in: the 405 comes before authentication, as the 404 for a path with no resource does.',
      });
    }
  }

  /**
   * API Gateway creates its execution log group itself, without retention, on the first request.
   * Creating it first, under the name API Gateway will use, gives it the stage's retention.
   */
  private keepExecutionLogs(stage: StageSettings): void {
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${stage.name}`,
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);
  }

  private acknowledgeApiFindings(): void {
    const accountRole = this.api.node.findChild('CloudWatchRole');
    Validations.of(accountRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-wide logging role, which access and execution logs require: AmazonAPIGatewayPushToCloudWatchLogs is the policy API Gateway documents for it, " +
        'and one role serves every API of the account and region, so it cannot be narrowed to this API\'s log groups.',
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL (about $6 a month even when idle): every route needs a Cognito token, the stage is throttled, and the request body is validated before any function runs.',
    });
  }
}
