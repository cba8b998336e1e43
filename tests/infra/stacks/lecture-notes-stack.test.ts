import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { functionIdOf, lectureNotesApp, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const dev = synthesizeStack('dev').template;
const prod = synthesizeStack('prod').template;

describe('the stack', () => {
  it('outputs what a person needs after deploying', () => {
    expect(Object.keys(dev.findOutputs('*')).sort()).toEqual(
      ['AlarmTopicArn', 'ApiUrl', 'AssemblyAiKeySecretName', 'DashboardName', 'OpenAiKeySecretName', 'RedriveUploadsFunctionName', 'TranscriptionKeySecretName', 'UserPoolClientId', 'UserPoolId', 'WebUrl'],
    );
    dev.hasOutput('RedriveUploadsFunctionName', { Value: { Ref: functionIdOf(dev, 'redrive-uploads') } });
  });

  it("outputs what the CLI's sign-in reads, naming an app client it can sign in with: SRP and refresh tokens, no secret", () => {
    const outputs = dev.findOutputs('*');
    expect(outputs.ApiUrl!.Value).toBeDefined();
    const poolId = (outputs.UserPoolId!.Value as { Ref: string }).Ref;
    const clientId = (outputs.UserPoolClientId!.Value as { Ref: string }).Ref;
    const client = dev.findResources('AWS::Cognito::UserPoolClient')[clientId]!.Properties;
    expect(client.UserPoolId).toEqual({ Ref: poolId });
    expect(client.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    // A client secret would have to be shipped with the CLI; and no unknown user may be told apart from a wrong password.
    expect(client.GenerateSecret).toBeUndefined();
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
  });
});

describe('stages', () => {
  const deletionPolicies = (template: typeof dev, type: string) => new Set(Object.values(template.findResources(type)).map((resource) => resource.DeletionPolicy));

  it.each(['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup'])('prod keeps every %s on teardown, dev removes it', (type) => {
    expect(deletionPolicies(prod, type)).toEqual(new Set(['Retain']));
    expect(deletionPolicies(dev, type)).toEqual(new Set(['Delete']));
  });

  it('prod keeps the jobs bucket on teardown and dev empties and removes it; the web bucket is rebuilt either way', () => {
    const jobsBucket = { Properties: { BucketName: Match.anyValue() } };
    prod.hasResource('AWS::S3::Bucket', { ...jobsBucket, DeletionPolicy: 'Retain' });
    dev.hasResource('AWS::S3::Bucket', { ...jobsBucket, DeletionPolicy: 'Delete' });
    dev.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    prod.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  });

  it('prod keeps logs three months, dev a week', () => {
    const retentions = (template: typeof dev) => new Set(Object.values(template.findResources('AWS::Logs::LogGroup')).map((resource) => resource.Properties.RetentionInDays));
    expect(retentions(dev)).toEqual(new Set([7]));
    expect(retentions(prod)).toEqual(new Set([90]));
  });
});

describe('the speech-to-text settings', () => {
  const environmentOf = (template: Template, handler: string) =>
    propertiesOf(template, 'AWS::Lambda::Function', { Description: `Lecture Notes: ${handler}` }).Environment.Variables as Record<string, unknown>;

  it('are AssemblyAI when none are given: no TRANSCRIPTION_* setting but the secret', () => {
    const names = Object.keys(environmentOf(dev, 'submit-transcription')).filter((name) => name.startsWith('TRANSCRIPTION_'));
    expect(names).toEqual(['TRANSCRIPTION_SECRET_ARN']);
  });

  it('reach the functions that transcribe and the route that accepts audio, from the stack props', () => {
    const { stack } = lectureNotesApp('dev', {
      transcription: { provider: 'openai', baseUrl: 'https://whisper.example.edu/v1', model: 'Systran/faster-whisper-small', maxBytes: 100 * 1024 ** 2 },
    });
    const template = Template.fromStack(stack);
    for (const handler of ['create-job', 'submit-transcription', 'check-transcription']) {
      expect(environmentOf(template, handler)).toMatchObject({
        TRANSCRIPTION_PROVIDER: 'openai',
        TRANSCRIPTION_BASE_URL: 'https://whisper.example.edu/v1',
        TRANSCRIPTION_MODEL: 'Systran/faster-whisper-small',
        TRANSCRIPTION_MAX_BYTES: String(100 * 1024 ** 2),
        TRANSCRIPTION_SECRET_ARN: expect.anything(),
      });
    }
  });
});
