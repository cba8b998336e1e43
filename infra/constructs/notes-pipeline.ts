import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RUN_END_STATUSES, RUN_STATUS_CHANGE_DETAIL_TYPE } from '../../shared/contracts/run-status-event';
import { UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { PIPELINE_STEPS, type PipelineStepName } from '../function-registry';
import { acknowledgeWildcardResource } from '../nag';
import type { StageSettings } from '../stage';
import { AppFunction } from './app-function';
import type { JobsTable } from './jobs-table';
import { defineNotesPipeline, PIPELINE_TIMEOUT, type NotesPipelineSettings } from './notes-pipeline-definition';
import type { ProviderSecrets } from './provider-secrets';
import type { JobsBucket } from './jobs-bucket';

export interface NotesPipelineProps {
  readonly bucket: JobsBucket;
  readonly jobs: JobsTable;
  readonly secrets: ProviderSecrets;
  readonly settings: NotesPipelineSettings;
  readonly stage: StageSettings;
  /** Environment every step function gets (bucket, table, limits). */
  readonly environment: Record<string, string>;
}

/**
 * EventBridge retries a failed delivery for hours before it gives up and puts the event in the
 * rule's dead-letter queue: long enough to ride out a throttled account or a failing deployment.
 */
const EVENT_DELIVERY = { retryAttempts: 8, maxEventAge: Duration.hours(6) };

/** The state machine, its step functions, the rule that starts a run for every upload, and the rule that records runs ending unfinished. */
export class NotesPipeline extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly functions: Record<PipelineStepName, lambda.Function>;
  /** The target of the upload rule. */
  public readonly startRun: lambda.Function;
  /** Upload events that could not be delivered after EventBridge's retries. */
  public readonly undeliveredUploads: sqs.Queue;
  /** Invoked by an operator to replay `undeliveredUploads`. */
  public readonly redriveUploads: lambda.Function;
  /** The target of the run-end rule. */
  public readonly recordRunEnd: lambda.Function;
  /** Run-end events that could not be delivered after EventBridge's retries. */
  public readonly undeliveredRunEnds: sqs.Queue;

  constructor(scope: Construct, id: string, props: NotesPipelineProps) {
    super(scope, id);
    const { stage } = props;
    const resources = { bucket: props.bucket, jobs: props.jobs, secrets: props.secrets };
    const defaults = { environment: props.environment, logRetention: stage.logRetention, removalPolicy: stage.removalPolicy };
    // States are named after their steps; the functions get a scope of their own so the ids do not collide.
    const steps = new Construct(this, 'Steps');
    const functions = {} as Record<PipelineStepName, lambda.Function>;
    for (const { state, handler } of Object.values(PIPELINE_STEPS)) {
      functions[state] = new AppFunction(steps, state, { handler, resources, ...defaults }).function;
    }
    this.functions = functions;

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(defineNotesPipeline(this, this.functions, props.settings)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: PIPELINE_TIMEOUT,
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'ExecutionLogs', { retention: stage.logRetention, removalPolicy: stage.removalPolicy }),
        level: sfn.LogLevel.ERROR,
        includeExecutionData: false,
      },
    });
    this.acknowledgeStateMachineFindings();

    // The rule's target names each run after its job and attempt, so a repeated event starts nothing more.
    this.startRun = new AppFunction(this, 'StartRun', { handler: 'start-run', resources: { ...resources, stateMachine: this.stateMachine }, ...defaults }).function;

    this.undeliveredUploads = this.deadLetterQueue('UndeliveredUploads', 'the upload rule');
    new events.Rule(this, 'StartOnUpload', {
      description: 'Starts the notes pipeline for every lecture uploaded under uploads/',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucket.bucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
      },
      targets: [new targets.LambdaFunction(this.startRun, { ...EVENT_DELIVERY, deadLetterQueue: this.undeliveredUploads })],
    });

    // Each message of the dead-letter queue is an upload event as the rule delivers it: the same handler replays it.
    this.redriveUploads = new AppFunction(this, 'RedriveUploads', {
      handler: 'redrive-uploads',
      resources: { ...resources, stateMachine: this.stateMachine, undeliveredUploads: this.undeliveredUploads },
      ...defaults,
    }).function;

    // A run that times out, is aborted or fails outside a Catch never reaches RecordFailure: its end event fails the job.
    this.recordRunEnd = new AppFunction(this, 'RecordRunEnd', { handler: 'record-run-end', resources, ...defaults }).function;
    this.undeliveredRunEnds = this.deadLetterQueue('UndeliveredRunEnds', 'the run-end rule');
    new events.Rule(this, 'RecordRunEnds', {
      description: 'Fails the job of a notes pipeline run that timed out, was aborted or failed without recording it',
      eventPattern: {
        source: ['aws.states'],
        detailType: [RUN_STATUS_CHANGE_DETAIL_TYPE],
        detail: { stateMachineArn: [this.stateMachine.stateMachineArn], status: [...RUN_END_STATUSES] },
      },
      targets: [new targets.LambdaFunction(this.recordRunEnd, { ...EVENT_DELIVERY, deadLetterQueue: this.undeliveredRunEnds })],
    });
  }

  /** Where a rule's events go when EventBridge gives up delivering them; its messages raise an alarm. */
  private deadLetterQueue(id: string, rule: string): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${rule}'s target (EventBridge DeadLetterConfig), a link cdk-nag does not see; its messages raise an alarm.`,
    });
    return queue;
  }

  private acknowledgeStateMachineFindings(): void {
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'Logging at ERROR, without execution data, on purpose: every job already records its own progress and failure, ' +
        'and execution data would copy transcript keys and provider answers into the logs.',
    });
    acknowledgeWildcardResource(
      this.stateMachine.role,
      '*',
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and CloudWatch Logs delivery ' +
        '(logs:CreateLogDelivery and the other delivery actions) support no resource-level permissions.',
    );
    for (const [step, fn] of Object.entries(this.functions)) {
      acknowledgeWildcardResource(
        this.stateMachine.role,
        `${fn.functionArn}:*`,
        `The ${step} task may invoke its own function's versions and aliases (the ARN qualified with ":*"), as CDK's LambdaInvoke grants; no other function.`,
      );
    }
  }
}
