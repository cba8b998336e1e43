import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FUNCTIONS, type HandlerName } from '../../infra/function-registry';
import { flattenIntrinsics } from '../../infra/nag';
import { expect } from 'vitest';
import { LectureNotesStack, type TranscriptionSettings } from '../../infra/stacks/lecture-notes-stack';
import { stageSettings, type StageName } from '../../infra/stage';

export const ALL_HANDLERS = Object.keys(FUNCTIONS) as HandlerName[];

/** A stand-in for web/dist: the stack must not need the real web build. */
function webBuild(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lecture-notes-web-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Lecture Notes</title>');
  return folder;
}

/** The app as bin/app.ts builds it, minus bundling: these tests read the template, and esbuild on 19 functions takes a minute. */
export function lectureNotesApp(stageName: StageName, options: { alarmEmail?: string; transcription?: TranscriptionSettings } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new LectureNotesStack(app, `LectureNotes-${stageName}`, {
    stage: stageSettings(stageName),
    webAssetPath: webBuild(),
    alarmEmail: options.alarmEmail,
    transcription: options.transcription,
  });
  return { app, stack };
}

export interface SynthesizedStack {
  readonly template: Template;
  /** Where the assets are, for what a template names only by key (the web client's config.json). */
  readonly assemblyDirectory: string;
}

/**
 * The stack of a stage, synthesized; dev e-mails its alarms, prod subscribes nobody. Call it at the
 * top of a test file, once per stage: under load a synthesis takes longer than a test may.
 */
export function synthesizeStack(stageName: StageName): SynthesizedStack {
  const { app, stack } = lectureNotesApp(stageName, { alarmEmail: stageName === 'dev' ? 'ops@example.com' : undefined });
  const template = Template.fromStack(stack);
  return { template, assemblyDirectory: app.synth().directory };
}

/** The logical id of the one function that runs `handler`. */
export const functionIdOf = (template: Template, handler: HandlerName) =>
  template.getResourceId('AWS::Lambda::Function', { Properties: { Description: `Lecture Notes: ${handler}` } });

/** The properties of the one resource of `type` that matches `properties` (a Match pattern or an object). */
export function propertiesOf(template: Template, type: string, properties: unknown = Match.anyValue()): Record<string, any> {
  const found = Object.values(template.findResources(type, { Properties: properties }));
  if (found.length !== 1) throw new Error(`Expected one ${type} to match, found ${found.length}.`);
  return found[0]!.Properties;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

type PolicyStatement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement of the IAM policies attached to the role with this logical id, or to any role. */
function statementsOf(template: Template, roleId?: string): PolicyStatement[] {
  const policies = template.findResources('AWS::IAM::Policy', roleId ? { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } } : {});
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}

/**
 * Every permission of a function's role as "action resource" lines, with the resources named
 * for what they are: the jobs table, the bucket (and a prefix), a secret, a queue, the function's own log group.
 */
export function permissionsOf(template: Template, handler: HandlerName): string[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionIdOf(template, handler)]!.Properties;
  const names: Record<string, string> = {};
  for (const id of Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))) names[`<${id}.Arn>`] = 'jobs-table';
  for (const id of Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))) names[`<${id}>`] = 'state-machine';
  for (const [id, secret] of Object.entries(template.findResources('AWS::SecretsManager::Secret'))) {
    const description = String(secret.Properties.Description);
    names[`<${id}>`] = /AssemblyAI/.test(description) ? 'secret:assemblyai' : /speech-to-text server/.test(description) ? 'secret:transcription' : 'secret:openai';
  }
  // A dead-letter queue is named after the handler its rule targets.
  for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
    for (const target of rule.Properties.Targets as { Arn: { 'Fn::GetAtt': string[] }; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': string[] } } }[]) {
      const queueId = target.DeadLetterConfig?.Arn['Fn::GetAtt'][0];
      const targetHandler = ALL_HANDLERS.find((candidate) => functionIdOf(template, candidate) === target.Arn['Fn::GetAtt'][0]);
      if (queueId) names[`<${queueId}.Arn>`] = `dead-letters-of:${targetHandler}`;
    }
  }
  names[`<${fn.LoggingConfig.LogGroup.Ref}.Arn>`] = 'own-log-group';
  const readable = (resource: unknown) => {
    const text = flattenIntrinsics(resource);
    const bucket = /^arn:<AWS::Partition>:s3:::lecture-notes-\w+-<AWS::AccountId>-<AWS::Region>/;
    if (bucket.test(text)) return text.replace(bucket, 'bucket');
    for (const [token, name] of Object.entries(names)) if (text.startsWith(token)) return name + text.slice(token.length);
    return text;
  };
  return statementsOf(template, fn.Role['Fn::GetAtt'][0]).flatMap((statement) =>
    asArray(statement.Action).flatMap((action) =>
      asArray(statement.Resource).map((target) => `${statement.Effect === 'Allow' ? '' : 'DENY '}${action} ${readable(target)}`),
    ),
  ).sort();
}

/** Every statement of every IAM policy in the template, as (action, resource) pairs. */
export function allPermissions(template: Template): Array<{ action: string; resource: string }> {
  return statementsOf(template).flatMap((statement) =>
    asArray(statement.Action).flatMap((action) => asArray(statement.Resource).map((target) => ({ action, resource: flattenIntrinsics(target) }))),
  );
}

/** Every bucket of the app: no public access, S3-managed encryption, owner-enforced objects, and a policy refusing plain HTTP. */
export function expectPrivateTlsOnlyBucket(template: Template, bucketId: string): void {
  expect(template.findResources('AWS::S3::Bucket')[bucketId]).toMatchObject({
    Properties: {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    },
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucketId },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
}
