import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { JOBS_PREFIX, UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { PIPELINE_STEP_NAMES, PIPELINE_STEPS, UPLOAD_EVENT_HANDLER, type PipelineStepName } from '../handler-map';
import type { StageSettings } from '../stage';
import { AppFunction } from './app-function';
import { defineNotesPipeline, PIPELINE_TIMEOUT, type NotesPipelineSettings } from './notes-pipeline-definition';

export interface NotesPipelineProps {
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITableV2;
  readonly settings: NotesPipelineSettings;
  readonly stage: StageSettings;
  /** Environment every step function gets (bucket, table, provider settings). */
  readonly environment: Record<string, string>;
}

type Access = 'readUploads' | 'readArtifacts' | 'writeArtifacts' | 'jobs';

/** What each step may touch, and nothing more. */
const STEP_ACCESS: Record<PipelineStepName, Access[]> = {
  StartJob: ['jobs', 'readUploads'],
  // Presigning a GET for the provider needs read access to the upload.
  SubmitTranscription: ['jobs', 'readUploads'],
  CheckTranscription: ['jobs', 'writeArtifacts'],
  ImportCaptions: ['readUploads', 'writeArtifacts'],
  ChunkTranscript: ['jobs', 'readArtifacts', 'writeArtifacts'],
  GenerateChunkNotes: ['jobs', 'readArtifacts', 'writeArtifacts'],
  MergeNotes: ['jobs', 'readArtifacts', 'writeArtifacts'],
  CompleteJob: ['jobs'],
  RecordFailure: ['jobs'],
};

const ARTIFACTS = `${JOBS_PREFIX}*`;

/** The state machine, its step functions, and the rule that starts a run for every upload. */
export class NotesPipeline extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly functions: Record<PipelineStepName, lambda.IFunction>;
  /** Upload events that could not be delivered after EventBridge's retries. */
  public readonly undeliveredUploads: sqs.Queue;

  constructor(scope: Construct, id: string, props: NotesPipelineProps) {
    super(scope, id);
    const { bucket, table, stage } = props;
    // States are named after their steps; the functions get a scope of their own so the ids do not collide.
    const steps = new Construct(this, 'Steps');
    const functions = {} as Record<PipelineStepName, lambda.IFunction>;
    for (const step of PIPELINE_STEP_NAMES) {
      const fn = new AppFunction(steps, step, {
        ...PIPELINE_STEPS[step],
        environment: props.environment,
        logRetention: stage.logRetention,
        removalPolicy: stage.removalPolicy,
      }).function;
      for (const access of STEP_ACCESS[step]) {
        if (access === 'jobs') table.grant(fn, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
        if (access === 'readUploads') bucket.grantRead(fn, `${UPLOADS_PREFIX}*`);
        if (access === 'readArtifacts') bucket.grantRead(fn, ARTIFACTS);
        if (access === 'writeArtifacts') bucket.grantPut(fn, ARTIFACTS);
      }
      functions[step] = fn;
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

    // The rule's target names each run after its job and attempt, so a repeated event starts nothing more.
    const startRun = new AppFunction(this, 'StartRun', {
      handler: UPLOAD_EVENT_HANDLER,
      timeoutSeconds: 15,
      memoryMb: 256,
      environment: { ...props.environment, STATE_MACHINE_ARN: this.stateMachine.stateMachineArn },
      logRetention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    }).function;
    table.grant(startRun, 'dynamodb:GetItem');
    this.stateMachine.grantStartExecution(startRun);

    this.undeliveredUploads = new sqs.Queue(this, 'UndeliveredUploads', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    new events.Rule(this, 'StartOnUpload', {
      description: 'Starts the notes pipeline for every lecture uploaded under uploads/',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [bucket.bucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
      },
      targets: [new targets.LambdaFunction(startRun, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: this.undeliveredUploads })],
    });
  }
}
