import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { API_ROUTES, type ApiRoute } from '../handler-map';
import type { StageSettings } from '../stage';
import { AppFunction } from './app-function';

export interface StatusApiProps {
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly stage: StageSettings;
  readonly environment: Record<string, string>;
}

/** What each route's function may touch. */
function grantRoute(route: ApiRoute, fn: lambda.IFunction, props: StatusApiProps) {
  switch (route.handler) {
    case 'create-job':
      props.table.grant(fn, 'dynamodb:PutItem');
      // Presigning the upload needs the right to put it.
      props.bucket.grantPut(fn, `${UPLOADS_PREFIX}*`);
      return;
    case 'get-notes':
      props.table.grant(fn, 'dynamodb:GetItem');
      props.bucket.grantRead(fn, 'jobs/*');
      return;
    default:
      props.table.grant(fn, 'dynamodb:GetItem');
  }
}

/** The REST API the clients poll: every route behind the user pool. */
export class StatusApi extends Construct {
  public readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: StatusApiProps) {
    super(scope, id);
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `lecture-notes-${props.stage.name}`,
      deployOptions: { stageName: props.stage.name },
    });
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [props.userPool] });

    for (const route of API_ROUTES) {
      const fn = new AppFunction(this, route.handler, {
        handler: route.handler,
        timeoutSeconds: 10,
        memoryMb: 512,
        environment: props.environment,
        logRetention: props.stage.logRetention,
        removalPolicy: props.stage.removalPolicy,
      }).function;
      grantRoute(route, fn, props);
      this.api.root.resourceForPath(route.path).addMethod(route.method, new apigateway.LambdaIntegration(fn), {
        authorizer,
        authorizationType: apigateway.AuthorizationType.COGNITO,
      });
    }
  }
}
