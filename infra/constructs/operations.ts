import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambdas/runtime/deployed-names';

export interface OperationsProps {
  readonly stage: StageSettings;
  readonly stateMachine: sfn.IStateMachine;
  /**
   * The app's functions in groups of at most ten (what one metric-math alarm can add up), by the
   * step or handler each runs: one errors alarm and one throttles alarm per group keeps the
   * idle cost at a few alarms instead of two per function.
   */
  readonly functionGroups: Record<string, Record<string, lambda.IFunction>>;
  /** The rules' dead-letter queues: upload events whose run did not start, run-end events whose job was not failed. */
  readonly undelivered: { readonly uploads: sqs.IQueue; readonly runEnds: sqs.IQueue };
  readonly api: apigateway.RestApi;
  /**
   * Where alarms are e-mailed (`-c alarmEmail=...`); the address must confirm the subscription.
   * @default - no subscription: subscribe to the alarm topic yourself
   */
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);
const SUM = { statistic: cloudwatch.Stats.SUM, period: PERIOD };

/** One metric adding up a metric of every function in a group. */
function sumOf(functions: Record<string, lambda.IFunction>, metricOf: (fn: lambda.IFunction) => cloudwatch.IMetric): cloudwatch.IMetric {
  const entries = Object.values(functions);
  if (entries.length > 10) throw new Error(`An alarm can add up at most 10 metrics; split this group of ${entries.length} functions.`);
  const usingMetrics = Object.fromEntries(entries.map((fn, index) => [`m${index}`, metricOf(fn)]));
  return new cloudwatch.MathExpression({ expression: Object.keys(usingMetrics).join(' + '), usingMetrics, period: PERIOD });
}

/** The handlers' own metrics (Powertools Metrics adds the `service` dimension to each). */
const jobMetric = (metricName: string, label: string) =>
  new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, label, ...SUM });

/** Alarms that need a person, the topic they go to, and a dashboard of how the product is doing. */
export class Operations extends Construct {
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { stateMachine, api } = props;
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: `Lecture Notes (${props.stage.name}) alarms`, enforceSSL: true });
    // The topic policy replaces SNS's default one: let this account's alarms publish.
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.alarmOn('PipelineRunsFailed', 'A notes pipeline run failed: its job is failed with the reason; the execution is in Step Functions.', stateMachine.metricFailed(SUM));
    this.alarmOn('PipelineRunsTimedOut', 'A notes pipeline run hit its time limit: its job is failed with a message asking to retry it.', stateMachine.metricTimedOut(SUM));
    for (const [group, functions] of Object.entries(props.functionGroups)) {
      const names = Object.keys(functions).join(', ');
      this.alarmOn(`${group}FunctionErrors`, `A ${group.toLowerCase()} function failed (an error or its timeout): ${names}. The dashboard shows which; see its log group.`, sumOf(functions, (fn) => fn.metricErrors(SUM)));
      this.alarmOn(`${group}FunctionThrottles`, `A ${group.toLowerCase()} function was throttled: the account's Lambda concurrency is used up (${names}).`, sumOf(functions, (fn) => fn.metricThrottles(SUM)));
    }
    // Both queues in one alarm: either needs the same person, and the description says what to do with each.
    const waiting = { statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD };
    this.alarmOn(
      'UndeliveredEvents',
      "An event could not be delivered after EventBridge's retries. In the undelivered-uploads queue: an upload whose job has not started; " +
        'replay it with the RedriveUploadsFunctionName function (aws lambda invoke). In the undelivered-run-ends queue: a run that ended unfinished; ' +
        'its job is failed when its owner next looks at it, after the time limit.',
      new cloudwatch.MathExpression({
        expression: 'uploads + runEnds',
        usingMetrics: {
          uploads: props.undelivered.uploads.metricApproximateNumberOfMessagesVisible(waiting),
          runEnds: props.undelivered.runEnds.metricApproximateNumberOfMessagesVisible(waiting),
        },
        period: PERIOD,
      }),
    );
    this.alarmOn('ApiServerErrors', 'The API answered 5xx: see its access logs and the route functions\' logs.', api.metricServerError(SUM));

    const allFunctions = Object.values(props.functionGroups).flatMap((functions) => Object.entries(functions));
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `LectureNotes-${props.stage.name}`,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Pipeline runs',
            left: [
              stateMachine.metricStarted({ ...SUM, label: 'started' }),
              stateMachine.metricSucceeded({ ...SUM, label: 'succeeded' }),
              stateMachine.metricFailed({ ...SUM, label: 'failed' }),
              stateMachine.metricTimedOut({ ...SUM, label: 'timed out' }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Run time (ms)',
            left: [stateMachine.metricTime({ statistic: 'p50', period: PERIOD, label: 'p50' }), stateMachine.metricTime({ statistic: 'p90', period: PERIOD, label: 'p90' })],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Jobs',
            left: [jobMetric('JobsStarted', 'started'), jobMetric('JobsCompleted', 'completed'), jobMetric('JobsFailed', 'failed')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Seconds per stage (average)',
            left: [
              new cloudwatch.MathExpression({
                expression: `SEARCH('{${METRICS_NAMESPACE},Stage,service} MetricName="StageDurationSeconds" service="${SERVICE_NAME}"', 'Average', ${PERIOD.toSeconds()})`,
                label: '',
                period: PERIOD,
              }),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Provider usage',
            left: [jobMetric('AudioMinutes', 'audio minutes transcribed')],
            right: [jobMetric('InputTokens', 'input tokens'), jobMetric('OutputTokens', 'output tokens')],
          }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Lambda errors', left: allFunctions.map(([name, fn]) => fn.metricErrors({ ...SUM, label: name })) }),
          new cloudwatch.GraphWidget({
            title: 'Lambda duration p90 (ms)',
            left: allFunctions.map(([name, fn]) => fn.metricDuration({ statistic: 'p90', period: PERIOD, label: name })),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'API latency (ms)',
            left: [api.metricLatency({ statistic: 'p50', period: PERIOD, label: 'p50' }), api.metricLatency({ statistic: 'p90', period: PERIOD, label: 'p90' })],
          }),
          new cloudwatch.GraphWidget({
            title: 'API errors',
            left: [api.metricClientError({ ...SUM, label: '4xx' }), api.metricServerError({ ...SUM, label: '5xx' })],
          }),
        ],
      ],
    });
  }

  /** An alarm as soon as one occurrence is counted in five minutes; no data is good news. */
  private alarmOn(id: string, description: string, metric: cloudwatch.IMetric): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
