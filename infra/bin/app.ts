import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LectureNotesStack, type TranscriptionSettings } from '../stacks/lecture-notes-stack';
import { stageSettings } from '../stage';

const app = new App();
const stage = stageSettings(app.node.tryGetContext('stage'));

/** The built web client: web/dist, or another folder with `-c webDist=...`. */
function builtWebClient(): string {
  const override: unknown = app.node.tryGetContext('webDist');
  const folder = typeof override === 'string' ? resolve(override) : fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(`The web client is not built: ${folder} has no index.html. Run \`npm run build:web\` (the CDK app command in cdk.json does it before every synth and deploy).`);
  }
  return folder;
}

const optionalContext = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function transcriptionSettings(): TranscriptionSettings {
  const provider = optionalContext('transcriptionProvider');
  if (provider !== undefined && provider !== 'assemblyai' && provider !== 'openai') {
    throw new Error(`Unknown transcriptionProvider "${provider}": use -c transcriptionProvider=assemblyai or -c transcriptionProvider=openai.`);
  }
  const maxBytes = optionalContext('transcriptionMaxBytes');
  if (maxBytes !== undefined && !/^[1-9]\d*$/.test(maxBytes)) throw new Error(`transcriptionMaxBytes is a number of bytes, not "${maxBytes}".`);
  return {
    provider,
    baseUrl: optionalContext('transcriptionBaseUrl'),
    model: optionalContext('transcriptionModel'),
    maxBytes: maxBytes === undefined ? undefined : Number(maxBytes),
  };
}

new LectureNotesStack(app, `LectureNotes-${stage.name}`, {
  stage,
  webAssetPath: builtWebClient(),
  alarmEmail: optionalContext('alarmEmail'),
  authDomainPrefix: optionalContext('authDomainPrefix'),
  transcription: transcriptionSettings(),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
// Every AwsSolutions finding fails synth unless acknowledged, with its reason, on the resource it concerns.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
