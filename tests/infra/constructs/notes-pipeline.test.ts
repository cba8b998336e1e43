import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PIPELINE_STEPS } from '../../../infra/function-registry';
import { flattenIntrinsics as flat } from '../../../infra/nag';
import { stageSettings } from '../../../infra/stage';
import { PIPELINE_TIMEOUT_SECONDS } from '../../../shared/domain/pipeline-limits';
import { functionIdOf, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');
const prod = synthesizeStack('prod').template;

/** The deployed definition, its function ARNs left as <LogicalId.Arn>. */
const definitionOf = (from: Template) =>
  JSON.parse(flat(propertiesOf(from, 'AWS::StepFunctions::StateMachine').DefinitionString)) as { TimeoutSeconds: number; States: Record<string, any> };

/** Delivery as both rules have it: retried for six hours, then kept in a dead-letter queue. */
const deliveredTo = (functionId: string, deadLetters: Capture) =>
  Match.objectLike({
    Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
    DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetters, 'Arn'] } },
    RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
  });

describe('the notes pipeline', () => {
  const definition = definitionOf(template);
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

  it("fans out with the stage's concurrency", () => {
    expect(map.MaxConcurrency).toBe(stageSettings('dev').notesConcurrency);
    expect(definitionOf(prod).States.GenerateNotes.MaxConcurrency).toBe(stageSettings('prod').notesConcurrency);
  });

  it('bounds every task in time and retries it with capped, jittered backoff', () => {
    expect(tasks).toHaveLength(Object.keys(PIPELINE_STEPS).length);
    for (const [, task] of tasks) {
      expect(task.TimeoutSeconds).toBeGreaterThan(0);
      expect(task.Retry.length).toBeGreaterThan(0);
      for (const retrier of task.Retry) expect(retrier).toMatchObject({ BackoffRate: expect.any(Number), JitterStrategy: 'FULL', MaxDelaySeconds: expect.any(Number) });
    }
  });

  it('starts for every object created under uploads/ in the jobs bucket, through start-run, with retries and a dead-letter queue', () => {
    const jobsBucket = propertiesOf(template, 'AWS::S3::Bucket', { BucketName: Match.anyValue() });
    const deadLetters = new Capture();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [jobsBucket.BucketName] }, object: { key: [{ prefix: 'uploads/' }] } },
      },
      Targets: [deliveredTo(functionIdOf(template, 'start-run'), deadLetters)],
    });
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toContain(deadLetters.asString());
  });

  it("fails the job of a run that ends FAILED, TIMED_OUT or ABORTED, for this state machine's runs only, with retries and a dead-letter queue of its own", () => {
    const runEndDeadLetters = new Capture();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.exact({
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [{ Ref: template.getResourceId('AWS::StepFunctions::StateMachine') }], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      }),
      Targets: [deliveredTo(functionIdOf(template, 'record-run-end'), runEndDeadLetters)],
    });
    const uploadDeadLetters = new Capture();
    template.hasResourceProperties('AWS::Events::Rule', { Targets: [deliveredTo(functionIdOf(template, 'start-run'), uploadDeadLetters)] });
    expect(runEndDeadLetters.asString()).not.toBe(uploadDeadLetters.asString());
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toEqual(expect.arrayContaining([runEndDeadLetters.asString(), uploadDeadLetters.asString()]));
  });

  it('lets EventBridge invoke the run-end handler for that rule only', () => {
    const rule = template.getResourceId('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.states'] } } });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionIdOf(template, 'record-run-end'), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] },
    });
  });
});
