import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { flattenIntrinsics as flat } from '../../../infra/nag';
import { ALL_HANDLERS, functionIdOf, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');
const prod = synthesizeStack('prod').template;
const topicId = template.getResourceId('AWS::SNS::Topic');
/** Every alarm here raises at the first occurrence. */
const AT_FIRST = { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };

/** Alarms adding up a metric with metric math, over metrics that match `metric`. */
const mathAlarmsOver = (metric: Record<string, unknown>) =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm', {
    Properties: { Metrics: Match.arrayWith([Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike(metric) }) })]) },
  })).map((alarm) => alarm.Properties);

describe('operations', () => {
  it('alarms on failed and timed-out runs and API 5xx at the first occurrence', () => {
    for (const [namespace, metricName] of [['AWS/States', 'ExecutionsFailed'], ['AWS/States', 'ExecutionsTimedOut'], ['AWS/ApiGateway', '5XXError']]) {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: namespace, MetricName: metricName } }));
      expect(alarms.map((alarm) => alarm.Properties), metricName).toEqual([expect.objectContaining(AT_FIRST)]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: template.getResourceId('AWS::StepFunctions::StateMachine') } }],
    });
  });

  it('alarms at the first event either rule could not deliver, in one alarm over both dead-letter queues', () => {
    const overQueues = mathAlarmsOver({ Namespace: 'AWS/SQS' });
    expect(overQueues).toEqual([expect.objectContaining(AT_FIRST)]);
    const counted = (overQueues[0]!.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: unknown }[] } } }[])
      .filter(({ MetricStat }) => MetricStat)
      .map(({ MetricStat }) => ({ metric: MetricStat!.Metric.MetricName, queue: flat(MetricStat!.Metric.Dimensions[0]!.Value) }));
    expect(counted.map(({ metric }) => metric)).toEqual(['ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesVisible']);
    expect(counted.map(({ queue }) => queue).sort()).toEqual(Object.keys(template.findResources('AWS::SQS::Queue')).map((id) => `<${id}.QueueName>`).sort());
  });

  it.each(ALL_HANDLERS)('alarms on errors and throttles of %s, in one group alarm each', (handler) => {
    const dimensions = Match.arrayWith([{ Name: 'FunctionName', Value: { Ref: functionIdOf(template, handler) } }]);
    expect(mathAlarmsOver({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dimensions })).toEqual([expect.objectContaining(AT_FIRST)]);
    expect(mathAlarmsOver({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: dimensions })).toHaveLength(1);
  });

  it('keeps the idle cost low: a few grouped alarms, not two per function', () => {
    // Two per group of functions (steps, reading routes, changes), two on runs, one on undelivered events, one on the API.
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length).toBeLessThanOrEqual(10);
  });

  it('sends every alarm to the alarm topic, which e-mails the given address', () => {
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    prod.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it("draws runs, run time, Lambda, the API and the handlers' own metrics on one dashboard", () => {
    const body = flat(propertiesOf(template, 'AWS::CloudWatch::Dashboard').DashboardBody);
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionTime', 'Errors', 'Duration', 'Latency', '4XXError', '5XXError']) {
      expect(body).toContain(`"${metric}"`);
    }
    for (const metric of ['JobsStarted', 'JobsCompleted', 'JobsFailed', 'AudioMinutes', 'InputTokens', 'OutputTokens']) {
      expect(body).toContain(`"LectureNotes","${metric}","service","lecture-notes"`);
    }
    expect(body).toContain('MetricName=\\"StageDurationSeconds\\"');
    expect(body).toMatch(/"stat":"p90"/);
  });
});
