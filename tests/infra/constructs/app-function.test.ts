import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../../infra/function-registry';
import { flattenIntrinsics as flat } from '../../../infra/nag';
import { stageSettings } from '../../../infra/stage';
import { ALL_HANDLERS, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');

describe('every function', () => {
  it("is one of the registry's handlers, and every handler has one", () => {
    const described = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Lecture Notes: ') } }))
      .map((resource) => String(resource.Properties.Description).replace('Lecture Notes: ', ''));
    expect(described.sort()).toEqual([...ALL_HANDLERS].sort());
  });

  it.each(ALL_HANDLERS)('%s runs Node.js 22 on ARM, traced, sized by the registry, with the defaults merged into its environment and its own log group', (handler) => {
    const tableId = template.getResourceId('AWS::DynamoDB::GlobalTable');
    const fn = propertiesOf(template, 'AWS::Lambda::Function', { Description: `Lecture Notes: ${handler}` });
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON' },
      Timeout: FUNCTIONS[handler].timeoutSeconds,
      MemorySize: FUNCTIONS[handler].memoryMb,
    });
    expect(fn.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'lecture-notes',
      POWERTOOLS_METRICS_NAMESPACE: 'LectureNotes',
      JOBS_TABLE: { Ref: tableId },
      JOB_RETENTION_DAYS: String(stageSettings('dev').jobRetentionDays),
      MAX_UPLOAD_BYTES: String(2 * 1024 ** 3),
    });
    expect(flat(fn.Environment.Variables.BUCKET_NAME)).toBe('lecture-notes-dev-<AWS::AccountId>-<AWS::Region>');
    // A pipeline step meters its own usage for its job's cost ledger; nothing else is metered.
    const spec: FunctionSpec = FUNCTIONS[handler];
    expect(fn.Environment.Variables.PIPELINE_STATE).toBe(spec.state);
    expect(template.findResources('AWS::Logs::LogGroup')[fn.LoggingConfig.LogGroup.Ref]).toMatchObject({ Properties: { RetentionInDays: 7 } });
  });
});
