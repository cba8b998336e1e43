import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { JobsTable } from '../constructs/jobs-table';
import { NotesPipeline } from '../constructs/notes-pipeline';
import { Operations } from '../constructs/operations';
import { ProviderSecrets } from '../constructs/provider-secrets';
import { JobsApi } from '../constructs/jobs-api';
import { JobsBucket } from '../constructs/jobs-bucket';
import { UserDirectory } from '../constructs/user-directory';
import { WebHosting } from '../constructs/web-hosting';
import { ROUTE_FUNCTIONS, type ApiRoute } from '../function-registry';
import type { StageSettings } from '../stage';

/** The API's functions whose route's method passes `test`. */
const routesOf = (api: JobsApi, test: (method: ApiRoute['method']) => boolean) =>
  Object.fromEntries(ROUTE_FUNCTIONS.filter(({ route }) => test(route.method)).map(({ handler }) => [handler, api.functions[handler]!]));

/** The largest upload accepted: the API presigns no more, and the page refuses more before sending anything. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export interface LectureNotesStackProps extends StackProps {
  readonly stage: StageSettings;
  /** A folder with the built web client (web/dist after `npm run build:web`). */
  readonly webAssetPath: string;
  /**
   * Where alarms are e-mailed.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * The prefix of the hosted sign-in's domain, unique in the region across all AWS accounts.
   * @default `lecture-notes-{stage}-{account id}`
   */
  readonly authDomainPrefix?: string;
  /**
   * Who transcribes audio: AssemblyAI (its key in the AssemblyAiKeySecretName secret), or a server that
   * speaks OpenAI's /v1/audio/transcriptions (its key, if any, in TranscriptionKeySecretName).
   * @default - AssemblyAI
   */
  readonly transcription?: TranscriptionSettings;
}

/** The TRANSCRIPTION_* settings of lambdas/runtime/config.ts, from `-c transcriptionProvider=openai` and the like. */
export interface TranscriptionSettings {
  readonly provider?: 'assemblyai' | 'openai';
  /** The server's API root, ending in /v1; it must be reachable from Lambda. @default - OpenAI's own */
  readonly baseUrl?: string;
  /** @default 'whisper-1' */
  readonly model?: string;
  /** @default - 25 MiB, what OpenAI's endpoint takes */
  readonly maxBytes?: number;
}

function transcriptionEnvironment(settings: TranscriptionSettings = {}): Record<string, string> {
  const entries = {
    TRANSCRIPTION_PROVIDER: settings.provider,
    TRANSCRIPTION_BASE_URL: settings.baseUrl,
    TRANSCRIPTION_MODEL: settings.model,
    TRANSCRIPTION_MAX_BYTES: settings.maxBytes === undefined ? undefined : String(settings.maxBytes),
  };
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Composes the product; each concern lives in its construct. */
export class LectureNotesStack extends Stack {
  constructor(scope: Construct, id: string, props: LectureNotesStackProps) {
    super(scope, id, props);
    const { stage } = props;
    // The construct ids ('Uploads', 'Api') predate the class names; kept, so no resource is replaced on deploy.
    const bucket = new JobsBucket(this, 'Uploads', {
      stageName: stage.name,
      uploadRetentionDays: stage.uploadRetentionDays,
      jobRetentionDays: stage.jobRetentionDays,
      removalPolicy: stage.removalPolicy,
    });
    const jobs = new JobsTable(this, 'Jobs', { removalPolicy: stage.removalPolicy });
    const secrets = new ProviderSecrets(this, 'ProviderKeys', { removalPolicy: stage.removalPolicy });
    const users = new UserDirectory(this, 'Users', { stage, domainPrefix: props.authDomainPrefix ?? `lecture-notes-${stage.name}-${Aws.ACCOUNT_ID}` });
    const environment = {
      BUCKET_NAME: bucket.bucketName,
      JOBS_TABLE: jobs.table.tableName,
      JOB_RETENTION_DAYS: String(stage.jobRetentionDays),
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      ...transcriptionEnvironment(props.transcription),
    };

    const pipeline = new NotesPipeline(this, 'Pipeline', {
      bucket,
      jobs,
      secrets,
      settings: { notesConcurrency: stage.notesConcurrency },
      stage,
      environment,
    });
    const api = new JobsApi(this, 'Api', { bucket, jobs, secrets, stateMachine: pipeline.stateMachine, userPool: users.userPool, stage, environment });
    const web = new WebHosting(this, 'Web', {
      assetPath: props.webAssetPath,
      api: api.api,
      users,
      browserOrigins: bucket.browserOrigins,
      maxUploadBytes: MAX_UPLOAD_BYTES,
      stage,
    });
    bucket.allowBrowserUploadsFrom(web.origin);
    const operations = new Operations(this, 'Operations', {
      stage,
      stateMachine: pipeline.stateMachine,
      // The run's steps in one group; the API's reading routes in another; in a third, what changes a job from outside
      // its run: the API's other routes and what an event or an operator starts. An alarm adds up at most 10 functions:
      // the steps are 10, the reading routes 5, the changes 9.
      functionGroups: {
        Pipeline: pipeline.functions,
        Reading: routesOf(api, (method) => method === 'GET'),
        Changing: {
          ...routesOf(api, (method) => method !== 'GET'),
          StartRun: pipeline.startRun,
          RecordRunEnd: pipeline.recordRunEnd,
          RedriveUploads: pipeline.redriveUploads,
        },
      },
      undelivered: { uploads: pipeline.undeliveredUploads, runEnds: pipeline.undeliveredRunEnds },
      api: api.api,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'WebUrl', { description: 'Open this to use Lecture Notes', value: web.url });
    new CfnOutput(this, 'ApiUrl', { description: 'The API, for `npm run notes -- --api` (also served under the web URL)', value: api.api.url });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: web.webClient.userPoolClientId });
    new CfnOutput(this, 'AssemblyAiKeySecretName', { description: 'put-secret-value here to accept audio', value: secrets.secrets.assemblyAi.secretName });
    new CfnOutput(this, 'TranscriptionKeySecretName', {
      description: 'put-secret-value here when the speech-to-text server (-c transcriptionProvider=openai) wants a key',
      value: secrets.secrets.transcription.secretName,
    });
    new CfnOutput(this, 'OpenAiKeySecretName', { description: 'put-secret-value here to have OpenAI write the notes', value: secrets.secrets.openAi.secretName });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.alarmTopic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboardName });
    new CfnOutput(this, 'RedriveUploadsFunctionName', {
      description: 'aws lambda invoke this to replay uploads whose run never started (the UndeliveredEvents alarm)',
      value: pipeline.redriveUploads.functionName,
    });
  }
}
