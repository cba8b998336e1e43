import { App } from 'aws-cdk-lib';
import { LectureNotesStack } from '../stacks/lecture-notes-stack';
import { stageSettings } from '../stage';

const app = new App();
const stage = stageSettings(app.node.tryGetContext('stage'));
const webOrigins = String(app.node.tryGetContext('webOrigins') ?? 'http://localhost:5173').split(',');

new LectureNotesStack(app, `LectureNotes-${stage.name}`, {
  stage,
  webOrigins,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
