import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { JOBS_PREFIX, UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { JOBS_TABLE_KEYS } from '../../lambdas/adapters/jobs-table';
import { API_ROUTES } from '../handler-map';
import type { StageSettings } from '../stage';
import { AppFunction } from './app-function';

export interface StatusApiProps {
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITableV2;
  readonly stateMachine: sfn.IStateMachine;
  readonly userPool: cognito.IUserPool;
  readonly stage: StageSettings;
  readonly environment: Record<string, string>;
}

type Access = 'listJobs' | 'readJob' | 'createJob' | 'updateJob' | 'deleteJob' | 'presignUpload' | 'readNotes' | 'checkObjects' | 'deleteObjects' | 'startRuns';

const UPLOADS = `${UPLOADS_PREFIX}*`;
const ARTIFACTS = `${JOBS_PREFIX}*`;

/** What each route's function may touch, and nothing more. */
const ROUTE_ACCESS: Record<string, Access[]> = {
  // Presigning the upload needs the right to put it.
  'create-job': ['createJob', 'presignUpload'],
  'list-jobs': ['listJobs'],
  'get-job': ['readJob'],
  'get-notes': ['readJob', 'readNotes'],
  'retry-job': ['readJob', 'updateJob', 'checkObjects', 'startRuns'],
  'delete-job': ['readJob', 'deleteJob', 'deleteObjects'],
};

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
      const access = ROUTE_ACCESS[route.handler];
      if (!access) throw new Error(`Route ${route.method} ${route.path} has no access defined for its handler ${route.handler}.`);
      const fn = new AppFunction(this, route.handler, {
        handler: route.handler,
        timeoutSeconds: 10,
        memoryMb: 512,
        environment: { ...props.environment, ...(access.includes('startRuns') && { STATE_MACHINE_ARN: props.stateMachine.stateMachineArn }) },
        logRetention: props.stage.logRetention,
        removalPolicy: props.stage.removalPolicy,
      }).function;
      for (const grant of access) this.grant(grant, fn, props);
      this.api.root.resourceForPath(route.path).addMethod(route.method, new apigateway.LambdaIntegration(fn), {
        authorizer,
        authorizationType: apigateway.AuthorizationType.COGNITO,
      });
    }
  }

  private grant(access: Access, fn: lambda.IFunction, { table, bucket, stateMachine }: StatusApiProps) {
    switch (access) {
      case 'listJobs':
        // Only the owner index: the handler queries it by the caller's id.
        return fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${JOBS_TABLE_KEYS.ownerIndex.name}`] }));
      case 'readJob':
        return table.grant(fn, 'dynamodb:GetItem');
      case 'createJob':
        return table.grant(fn, 'dynamodb:PutItem');
      case 'updateJob':
        return table.grant(fn, 'dynamodb:UpdateItem');
      case 'deleteJob':
        return table.grant(fn, 'dynamodb:DeleteItem');
      case 'presignUpload':
        return bucket.grantPut(fn, UPLOADS);
      case 'readNotes':
        return bucket.grantRead(fn, ARTIFACTS);
      case 'checkObjects':
        // HeadObject needs s3:GetObject; a missing object answers 404 only with s3:ListBucket.
        bucket.grantRead(fn, UPLOADS);
        return bucket.grantRead(fn, ARTIFACTS);
      case 'deleteObjects':
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
        bucket.grantDelete(fn, UPLOADS);
        return bucket.grantDelete(fn, ARTIFACTS);
      case 'startRuns':
        return stateMachine.grantStartExecution(fn);
    }
  }
}
