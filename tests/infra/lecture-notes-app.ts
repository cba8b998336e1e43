import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LectureNotesStack } from '../../infra/stacks/lecture-notes-stack';
import { stageSettings, type StageName } from '../../infra/stage';

/** A stand-in for web/dist: the stack must not need the real web build. */
function webBuild(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lecture-notes-web-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Lecture Notes</title>');
  return folder;
}

/** The app as bin/app.ts builds it, minus bundling: these tests read the template, and esbuild on 16 functions takes a minute. */
export function lectureNotesApp(stageName: StageName, options: { alarmEmail?: string } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new LectureNotesStack(app, `LectureNotes-${stageName}`, {
    stage: stageSettings(stageName),
    webAssetPath: webBuild(),
    alarmEmail: options.alarmEmail,
  });
  return { app, stack };
}

export type CfnResource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export function synthesize(stageName: StageName, options: { alarmEmail?: string } = {}) {
  const { app, stack } = lectureNotesApp(stageName, options);
  const assembly = app.synth();
  const json = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, CfnResource>; Outputs: Record<string, unknown> };
  return { stack, assemblyDirectory: assembly.directory, template: Template.fromJSON(json), resources: json.Resources, outputs: json.Outputs };
}

/**
 * A template value as one readable string: intrinsics become <LogicalId> or <LogicalId.Attr>
 * (pseudo parameters <AWS::Region>), joins are joined.
 */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, any>;
  if (node.Ref) return `<${node.Ref}>`;
  if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'].join('.')}>`;
  if (node['Fn::Join']) return node['Fn::Join'][1].map(flat).join(node['Fn::Join'][0]);
  if (node['Fn::Sub']) return String(node['Fn::Sub']);
  return JSON.stringify(value);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The logical id of the one resource of `type` whose properties satisfy `matches`. */
export function logicalIdOf(resources: Record<string, CfnResource>, type: string, matches: (properties: Record<string, any>) => boolean): string {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type && matches(resource.Properties ?? {}));
  if (found.length !== 1) throw new Error(`Expected one ${type} to match, found ${found.length}.`);
  return found[0]![0];
}

/** The function that runs `handler` (by its description). */
export const functionIdOf = (resources: Record<string, CfnResource>, handler: string) =>
  logicalIdOf(resources, 'AWS::Lambda::Function', (properties) => properties.Description === `Lecture Notes: ${handler}`);

/**
 * Every permission of a function's role as "action resource" lines, with the resources named
 * for what they are: the jobs table, the bucket (and a prefix), a secret, the function's own log group.
 */
export function permissionsOf(resources: Record<string, CfnResource>, handler: string): string[] {
  const functionId = functionIdOf(resources, handler);
  const fn = resources[functionId]!.Properties!;
  const roleId = fn.Role['Fn::GetAtt'][0] as string;
  const names: Record<string, string> = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::DynamoDB::GlobalTable') names[`<${id}.Arn>`] = 'jobs-table';
    if (resource.Type === 'AWS::StepFunctions::StateMachine') names[`<${id}>`] = 'state-machine';
    if (resource.Type === 'AWS::SecretsManager::Secret') names[`<${id}>`] = /AssemblyAI/.test(resource.Properties?.Description) ? 'secret:assemblyai' : 'secret:openai';
    // A dead-letter queue is named after the handler its rule targets.
    if (resource.Type === 'AWS::Events::Rule') {
      for (const target of resource.Properties!.Targets as { Arn: { 'Fn::GetAtt': string[] }; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': string[] } } }[]) {
        const queueId = target.DeadLetterConfig?.Arn['Fn::GetAtt'][0];
        const handler = String(resources[target.Arn['Fn::GetAtt'][0]!]?.Properties?.Description).replace('Lecture Notes: ', '');
        if (queueId) names[`<${queueId}.Arn>`] = `dead-letters-of:${handler}`;
      }
    }
  }
  names[`<${fn.LoggingConfig.LogGroup.Ref}.Arn>`] = 'own-log-group';
  const readable = (resource: unknown) => {
    const text = flat(resource);
    const bucket = /^arn:<AWS::Partition>:s3:::lecture-notes-\w+-<AWS::AccountId>-<AWS::Region>/;
    if (bucket.test(text)) return text.replace(bucket, 'bucket');
    for (const [token, name] of Object.entries(names)) if (text.startsWith(token)) return name + text.slice(token.length);
    return text;
  };
  const lines: string[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if (!resource.Properties!.Roles.some((role: { Ref: string }) => role.Ref === roleId)) continue;
    for (const statement of resource.Properties!.PolicyDocument.Statement) {
      for (const action of asArray<string>(statement.Action)) {
        for (const target of asArray(statement.Resource)) lines.push(`${statement.Effect === 'Allow' ? '' : 'DENY '}${action} ${readable(target)}`);
      }
    }
  }
  return lines.sort();
}

/** Every statement of every IAM policy in the template, flattened to (action, resource) pairs. */
export function allPermissions(resources: Record<string, CfnResource>): Array<{ policy: string; action: string; resource: string }> {
  const pairs: Array<{ policy: string; action: string; resource: string }> = [];
  for (const [policy, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    for (const statement of resource.Properties!.PolicyDocument.Statement) {
      for (const action of asArray<string>(statement.Action)) {
        for (const target of asArray(statement.Resource)) pairs.push({ policy, action, resource: flat(target) });
      }
    }
  }
  return pairs;
}
