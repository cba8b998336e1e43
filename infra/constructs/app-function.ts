import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambdas/runtime/deployed-names';
import { FUNCTIONS, handlerEntry, type FunctionSpec, type HandlerName } from '../function-registry';
import { lambdaBundling } from '../lambda-bundling';
import { acknowledgeWildcardResource } from '../nag';
import { grantAccess, type AccessibleResources } from './function-access';

export interface AppFunctionProps {
  /** Its entry in the function registry: handler, size and access. */
  readonly handler: HandlerName;
  /** What its access is granted on. */
  readonly resources: AccessibleResources;
  /**
   * Merged over the defaults, never replacing them.
   * @default - only the defaults (source maps, Powertools service and metrics namespace)
   */
  readonly environment?: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Every function of the app: one runtime, one architecture, one bundling, one logging and
 * tracing setup, and a role that starts with nothing but writing to its own log group and
 * is then granted exactly the access its registry entry names.
 */
export class AppFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const spec: FunctionSpec = FUNCTIONS[props.handler];
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    // An own role instead of the managed AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handler} handler of Lecture Notes`,
    });
    logGroup.grantWrite(this.role);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      description: `Lecture Notes: ${props.handler}`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(spec.timeoutSeconds),
      memorySize: spec.memoryMb,
      role: this.role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // A pipeline step meters its own usage for its job's cost ledger (lambdas/runtime/invocation-meter.ts).
        ...(spec.state && { PIPELINE_STATE: spec.state }),
        ...props.environment,
      },
      bundling: lambdaBundling(props.handler),
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: the bundle targets node22, and the tests and the local runtime run on the Node 22 the project installs (package.json), ' +
        'so what is tested is what runs. A newer runtime is a deliberate upgrade of all three together.',
    });
    acknowledgeWildcardResource(
      this.role,
      '*',
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions. ' +
        'They are the only statement on "*" in this role (tests/infra/constructs/function-access.test.ts checks it).',
    );
    grantAccess(this.function, spec.access, props.resources);
  }
}
