import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { JobsTable } from '../constructs/jobs-table';
import { NotesPipeline } from '../constructs/notes-pipeline';
import { StatusApi } from '../constructs/status-api';
import { UploadBucket } from '../constructs/upload-bucket';
import { UserDirectory } from '../constructs/user-directory';
import type { StageSettings } from '../stage';

export interface LectureNotesStackProps extends StackProps {
  readonly stage: StageSettings;
  /** Origins the web client is served from (for upload CORS). */
  readonly webOrigins: string[];
}

/** Composes the product; each concern lives in its construct. */
export class LectureNotesStack extends Stack {
  constructor(scope: Construct, id: string, props: LectureNotesStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const uploads = new UploadBucket(this, 'Uploads', {
      webOrigins: props.webOrigins,
      uploadRetentionDays: stage.uploadRetentionDays,
      jobRetentionDays: stage.jobRetentionDays,
      removalPolicy: stage.removalPolicy,
    });
    const jobs = new JobsTable(this, 'Jobs', { removalPolicy: stage.removalPolicy });
    const users = new UserDirectory(this, 'Users', { stage });
    const environment = {
      BUCKET_NAME: uploads.bucket.bucketName,
      JOBS_TABLE: jobs.table.tableName,
      JOB_RETENTION_DAYS: String(stage.jobRetentionDays),
    };

    const pipeline = new NotesPipeline(this, 'Pipeline', {
      bucket: uploads.bucket,
      table: jobs.table,
      settings: { notesConcurrency: stage.notesConcurrency, transcriptPollSeconds: 5 },
      stage,
      environment,
    });
    const api = new StatusApi(this, 'Api', {
      bucket: uploads.bucket,
      table: jobs.table,
      stateMachine: pipeline.stateMachine,
      userPool: users.userPool,
      stage,
      environment,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.api.url });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.webClient.userPoolClientId });
  }
}
