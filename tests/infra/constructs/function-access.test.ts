import { describe, expect, it } from 'vitest';
import type { HandlerName } from '../../../infra/function-registry';
import { ALL_HANDLERS, allPermissions, permissionsOf, propertiesOf, synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');

describe('permissions', () => {
  const base = ['logs:CreateLogStream own-log-group', 'logs:PutLogEvents own-log-group', 'xray:PutTelemetryRecords *', 'xray:PutTraceSegments *'];
  const jobRecord = ['dynamodb:GetItem jobs-table', 'dynamodb:UpdateItem jobs-table'];
  const transcriptionKeys = ['secretsmanager:GetSecretValue secret:assemblyai', 'secretsmanager:GetSecretValue secret:transcription'];
  const expected: Record<HandlerName, string[]> = {
    'start-job': [...jobRecord, 's3:GetObject bucket/uploads/*', 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket'],
    // A Whisper server's answer is kept among the job's artifacts by submit, read by check.
    'submit-transcription': [...jobRecord, 's3:GetObject bucket/uploads/*', 's3:PutObject bucket/jobs/*', ...transcriptionKeys],
    'check-transcription': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*', ...transcriptionKeys],
    'import-captions': ['dynamodb:UpdateItem jobs-table', 's3:GetObject bucket/uploads/*', 's3:PutObject bucket/jobs/*'],
    'chunk-transcript': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*'],
    'generate-chunk-notes': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*', 's3:ListBucket bucket', 'secretsmanager:GetSecretValue secret:openai'],
    'merge-notes': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*'],
    'reduce-notes': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:PutObject bucket/jobs/*', 's3:ListBucket bucket', 'secretsmanager:GetSecretValue secret:openai'],
    'complete-job': jobRecord,
    'record-failure': jobRecord,
    'start-run': ['dynamodb:GetItem jobs-table', 'states:StartExecution state-machine'],
    'record-run-end': jobRecord,
    // Exactly what start-run may do, and taking the undelivered upload events off their queue: no visibility changes, no other queue.
    'redrive-uploads': [
      'dynamodb:GetItem jobs-table',
      'states:StartExecution state-machine',
      'sqs:DeleteMessage dead-letters-of:start-run',
      'sqs:ReceiveMessage dead-letters-of:start-run',
    ],
    'create-job': ['dynamodb:PutItem jobs-table', 's3:PutObject bucket/uploads/*', ...transcriptionKeys],
    'renew-upload': ['dynamodb:GetItem jobs-table', 's3:PutObject bucket/uploads/*'],
    // The read routes fail a job past its run's time limit before answering.
    'list-jobs': ['dynamodb:Query jobs-table/index/byOwner', ...jobRecord],
    'get-job': jobRecord,
    'get-notes': ['dynamodb:GetItem jobs-table', 's3:GetObject bucket/jobs/*'],
    'get-transcript': ['dynamodb:GetItem jobs-table', 's3:GetObject bucket/jobs/*'],
    // Heading and presigning the upload, never an artifact.
    'get-recording': ['dynamodb:GetItem jobs-table', 's3:GetObject bucket/uploads/*'],
    // It looks for the stored transcript, adds the version to the job and starts its run; it reads no upload.
    'create-notes-version': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket', 'states:StartExecution state-machine'],
    // The stored transcript it resumes from, the version's record, and its next run; never an upload.
    'retry-notes-version': [...jobRecord, 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket', 'states:StartExecution state-machine'],
    'retry-job': [...jobRecord, 's3:GetObject bucket/uploads/*', 's3:GetObject bucket/jobs/*', 's3:ListBucket bucket', 'states:StartExecution state-machine'],
    'delete-job': [...jobRecord, 'dynamodb:DeleteItem jobs-table', 'dynamodb:PutItem jobs-table', 's3:DeleteObject bucket/uploads/*', 's3:DeleteObject bucket/jobs/*', 's3:ListBucket bucket'],
  };

  it('are spelled out for every handler', () => {
    expect(Object.keys(expected).sort()).toEqual([...ALL_HANDLERS].sort());
  });

  it.each(Object.entries(expected) as [HandlerName, string[]][])('of %s are exactly what it needs, on exactly the resources it touches', (handler, own) => {
    expect(permissionsOf(template, handler)).toEqual([...base, ...own].sort());
  });

  it('grant "*" only for actions AWS offers no narrower resource for', () => {
    const unscopable = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const onEverything = allPermissions(template).filter((pair) => pair.resource === '*');
    expect(onEverything.length).toBeGreaterThan(0);
    expect(onEverything.filter((pair) => !unscopable.test(pair.action))).toEqual([]);
  });

  it('let only the provider-calling functions read a provider key, and tell only them where it is', () => {
    const secretReaders = (secret: string) =>
      ALL_HANDLERS.filter((handler) => permissionsOf(template, handler).includes(`secretsmanager:GetSecretValue ${secret}`)).sort();
    expect(secretReaders('secret:assemblyai')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(secretReaders('secret:transcription')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(secretReaders('secret:openai')).toEqual(['generate-chunk-notes', 'reduce-notes']);
    expect(allPermissions(template).filter((pair) => pair.action.startsWith('secretsmanager:'))).toHaveLength(8);

    const withVariable = (name: string) =>
      ALL_HANDLERS.filter((handler) => propertiesOf(template, 'AWS::Lambda::Function', { Description: `Lecture Notes: ${handler}` }).Environment.Variables[name]).sort();
    expect(withVariable('ASSEMBLYAI_SECRET_ARN')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(withVariable('TRANSCRIPTION_SECRET_ARN')).toEqual(['check-transcription', 'create-job', 'submit-transcription']);
    expect(withVariable('OPENAI_SECRET_ARN')).toEqual(['generate-chunk-notes', 'reduce-notes']);
    expect(withVariable('STATE_MACHINE_ARN')).toEqual(['create-notes-version', 'redrive-uploads', 'retry-job', 'retry-notes-version', 'start-run']);
    expect(withVariable('UNDELIVERED_UPLOADS_QUEUE_URL')).toEqual(['redrive-uploads']);
  });
});
