import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { PIPELINE_TIMEOUT_SECONDS } from '../../shared/domain/pipeline-limits';
import { PIPELINE_STEPS, type PipelineStepName } from '../function-registry';

export interface NotesPipelineSettings {
  /** How many chunks get their notes at once (the Map's MaxConcurrency). */
  readonly notesConcurrency: number;
}

export const DEFAULT_PIPELINE_SETTINGS: NotesPipelineSettings = { notesConcurrency: 10 };

/** No run may outlive this, whatever its steps do; the API fails a job still unfinished past it (shared/domain/run-deadline.ts). */
export const PIPELINE_TIMEOUT = Duration.seconds(PIPELINE_TIMEOUT_SECONDS);

/** AWS service hiccups and throttling: they pass in seconds. */
const SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/**
 * S3 and DynamoDB timeouts, connection resets, throttling and 5xx, under one
 * name once the SDK's own quick retries are spent
 * (lambdas/adapters/transient-faults.ts classifies them). What outlasted those
 * is load or throttling that takes a while to ease: back off further.
 */
const STORAGE_ERRORS = ['StorageUnavailable'];

/**
 * Builds the notes pipeline as a chain of states. This is the only
 * definition: the CDK stack deploys it, and the local runtime runs its
 * exported ASL. State names are the keys of PIPELINE_STEPS.
 */
export function defineNotesPipeline(
  scope: Construct,
  functions: Record<PipelineStepName, lambda.IFunction>,
  settings: NotesPipelineSettings,
): sfn.IChainable {
  const step = (name: PipelineStepName, props: Partial<tasks.LambdaInvokeProps> = {}) =>
    new tasks.LambdaInvoke(scope, name, {
      lambdaFunction: functions[name],
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(PIPELINE_STEPS[name].timeoutSeconds + 5)),
      ...props,
    })
      .addRetry({
        errors: SERVICE_ERRORS,
        interval: Duration.seconds(2),
        maxAttempts: 3,
        backoffRate: 2,
        maxDelay: Duration.seconds(20),
        jitterStrategy: sfn.JitterType.FULL,
      })
      .addRetry({
        errors: STORAGE_ERRORS,
        interval: Duration.seconds(4),
        maxAttempts: 3,
        backoffRate: 3,
        maxDelay: Duration.seconds(60),
        jitterStrategy: sfn.JitterType.FULL,
      })
      // A provider still failing after its SDK's own quick retries is having an outage: wait longer, try less.
      // Per step that bounds provider calls at (1 + 2 SDK retries) x (1 + 2 retries here) = 9.
      .addRetry({
        errors: ['ProviderUnavailable'],
        interval: Duration.seconds(10),
        maxAttempts: 2,
        backoffRate: 3,
        maxDelay: Duration.seconds(60),
        jitterStrategy: sfn.JitterType.FULL,
      });

  const recordFailure = step('RecordFailure', { resultPath: sfn.JsonPath.DISCARD }).next(
    new sfn.Fail(scope, 'JobFailed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
  );
  const guarded = <T extends sfn.TaskStateBase | sfn.Map>(state: T): T => {
    // States.ALL does not match an oversized payload: it has to be named for the job to be recorded failed.
    state.addCatch(recordFailure, { errors: ['States.DataLimitExceeded'], resultPath: '$.error' });
    state.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    return state;
  };

  const startJob = guarded(
    step('StartJob', {
      // The execution's input is the run input (shared/contracts/pipeline-state.ts), whoever started the run.
      payload: sfn.TaskInput.fromObject({ run: sfn.JsonPath.entirePayload, runId: sfn.JsonPath.executionId }),
      resultPath: '$.job',
    }),
  );
  const importCaptions = guarded(step('ImportCaptions', { resultPath: '$.transcript' }));
  const submitTranscription = guarded(step('SubmitTranscription', { resultPath: '$.transcription' }));
  // Submit and each check say how long to wait: until the provider should be done, then a little at a time
  // (shared/domain/transcription-schedule.ts).
  const waitForTranscript = new sfn.Wait(scope, 'WaitForTranscript', {
    time: sfn.WaitTime.secondsPath('$.transcription.waitSeconds'),
  });
  const checkTranscription = guarded(step('CheckTranscription', { resultPath: '$.transcription' }));
  const chunkTranscript = guarded(step('ChunkTranscript', { resultPath: '$.chunks' }));
  const generateNotes = guarded(
    new sfn.Map(scope, 'GenerateNotes', {
      itemsPath: '$.chunks.keys',
      itemSelector: {
        jobId: sfn.JsonPath.stringAt('$.job.jobId'),
        chunkKey: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
        chunkIndex: sfn.JsonPath.numberAt('$$.Map.Item.Index'),
        // Which version's notes the chunk is for, and in what style: every version shares the chunks.
        version: sfn.JsonPath.numberAt('$.job.version'),
        request: sfn.JsonPath.objectAt('$.job.request'),
      },
      maxConcurrency: settings.notesConcurrency,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(step('GenerateChunkNotes', { resultPath: sfn.JsonPath.DISCARD })),
  );
  const mergeNotes = guarded(step('MergeNotes', { resultPath: '$.merged' }));
  const reduceNotes = guarded(step('ReduceNotes', { resultPath: '$.notes' }));
  const completeJob = guarded(step('CompleteJob', { resultPath: sfn.JsonPath.DISCARD }));

  const notes = chunkTranscript.next(generateNotes).next(mergeNotes).next(reduceNotes).next(completeJob);
  const transcription = submitTranscription
    .next(waitForTranscript)
    .next(checkTranscription)
    .next(
      new sfn.Choice(scope, 'TranscriptReady')
        .when(sfn.Condition.booleanEquals('$.transcription.ready', true), notes)
        .otherwise(waitForTranscript),
    );
  return startJob.next(
    new sfn.Choice(scope, 'DuplicateEvent')
      .when(sfn.Condition.booleanEquals('$.job.duplicate', true), new sfn.Succeed(scope, 'IgnoreDuplicateEvent'))
      .otherwise(
        new sfn.Choice(scope, 'TranscriptStored')
          .when(sfn.Condition.booleanEquals('$.job.hasTranscript', true), chunkTranscript)
          .otherwise(
            new sfn.Choice(scope, 'CaptionsOrAudio')
              .when(sfn.Condition.stringEquals('$.job.sourceKind', 'captions'), importCaptions.next(chunkTranscript))
              .otherwise(transcription),
          ),
      ),
  );
}
