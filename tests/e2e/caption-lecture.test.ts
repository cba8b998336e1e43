import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/contracts/api-client';
import { JOB_STATUSES } from '../../shared/contracts/job-status';
import { RunInputSchema } from '../../shared/contracts/pipeline-state';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { expectStudyNotes, isNonDecreasing, runLecture } from './lecture-run';

const SAMPLE = 'samples/how-databases-keep-promises.vtt';

describe('a caption file through the local runtime', () => {
  let runtime: LocalRuntime;
  let token: string;

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    token = runtime.issueToken('student-1');
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('goes from upload to notes through S3, Step Functions and DynamoDB, only ever moving forward', async () => {
    const run = await runLecture(runtime.apiUrl, token, { path: SAMPLE, contentType: 'text/vtt' });

    expect(run.final.status).toBe('completed');
    expect(run.final.progress).toBe(100);
    expect(run.final.chunks.total).toBeGreaterThan(1);
    expect(run.final.chunks.done).toBe(run.final.chunks.total);
    expect(run.final.stageTimes).toHaveProperty('chunking');
    expect(run.final.stageTimes).not.toHaveProperty('transcribing');
    expect(isNonDecreasing(run.updates.map((update) => update.progress))).toBe(true);
    expect(isNonDecreasing(run.updates.map((update) => JOB_STATUSES.indexOf(update.status)))).toBe(true);

    const api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    const notes = expectStudyNotes(await api.getNotes(run.jobId));
    expect(notes.source).toMatchObject({ fileName: 'how-databases-keep-promises.vtt', language: 'en', engine: { kind: 'offline' } });
    expect(notes.source.durationSeconds).toBeGreaterThan(22 * 60);
    expect(notes.overview).not.toBe('');
    // The whole recording is covered: sections from its first minute to its last two.
    expect(notes.sections.length).toBeGreaterThan(2);
    expect(notes.sections[0]!.start).toBeLessThan(60);
    expect(notes.sections.at(-1)!.end).toBeGreaterThan(notes.source.durationSeconds - 120);
    expect(notes.glossary.map((entry) => entry.term.toLowerCase()).join(' ')).toMatch(/transaction/);
    expect(notes.reviewQuestions.length).toBeGreaterThan(0);
    const markdown = await api.getNotesMarkdown(run.jobId);
    expect(markdown).toMatch(/^# .+/);
    for (const part of ['## Overview', '## Contents', '## Glossary', '## Review questions']) expect(markdown).toContain(`\n${part}\n`);
  });

  it('runs the state machine exported from the CDK definition, visible through the Step Functions API', async () => {
    const run = await runLecture(runtime.apiUrl, token, { path: 'samples/photosynthesis-light-reactions.srt', contentType: 'application/x-subrip' });
    expect(run.final.status).toBe('completed');

    const sfn = new SFNClient({
      region: 'us-east-1',
      endpoint: runtime.stepFunctionsEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const described = await Promise.all(
      runtime.stateMachine.executionArns().map((arn) => sfn.send(new DescribeExecutionCommand({ executionArn: arn }))),
    );
    const mine = described.find((execution) => RunInputSchema.parse(JSON.parse(execution.input ?? '{}')).jobId === run.jobId);
    expect(mine).toBeDefined();
    // The job reads completed from its last step; the execution ends a moment later: wait for that, as a client would.
    let execution = mine!;
    for (const deadline = Date.now() + 10_000; execution.status === 'RUNNING' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      execution = await sfn.send(new DescribeExecutionCommand({ executionArn: mine!.executionArn }));
    }
    expect(execution.status).toBe('SUCCEEDED');

    const visited = runtime.stateMachine.history(mine!.executionArn!).filter((entry) => entry.type === 'StateEntered').map((entry) => entry.state);
    expect(visited).toContain('ImportCaptions');
    expect(visited).not.toContain('SubmitTranscription');
    expect(visited.filter((state) => state === 'GenerateChunkNotes')).toHaveLength(run.final.chunks.total);
    expect(visited.at(-1)).toBe('CompleteJob');

    // Each step adds its usage before its task ends: once the run has ended, the job's ledger is whole.
    const { cost, usage } = await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token }).getJob(run.jobId);
    expect(usage.stateTransitions).toBe(visited.length);
    const flowStates = new Set(['DuplicateEvent', 'TranscriptStored', 'CaptionsOrAudio', 'GenerateNotes']);
    const tasks = visited.filter((state) => !flowStates.has(state ?? ''));
    expect(usage.lambdaRequests).toBe(tasks.length);
    const usd = Object.fromEntries(cost.lines.map((line) => [line.item, line.usd]));
    for (const item of ['stateTransitions', 'lambdaCompute', 'lambdaRequests', 's3WriteRequests', 's3ReadRequests', 'dynamoWriteUnits', 'dynamoReadUnits']) {
      expect(cost.lines.find((line) => line.item === item)!.quantity, item).toBeGreaterThan(0);
      expect(usd[item], item).toBeGreaterThan(0);
    }
    // Captions and the offline engine: no provider fees.
    expect([usd.transcription, usd.inputTokens, usd.outputTokens]).toEqual([0, 0, 0]);
    expect(cost.totalUsd).toBeCloseTo(cost.lines.reduce((sum, line) => sum + line.usd, 0), 8);
  });

  it('ends a broken caption file as failed, with the parser\'s reason', async () => {
    const body = new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> banana\nHello there.\n');
    const run = await runLecture(runtime.apiUrl, token, { path: 'broken.vtt', contentType: 'text/vtt', body });
    expect(run.final.status).toBe('failed');
    expect(run.final.error?.message).toMatch(/line 3/i);
    expect(run.final.notesReady).toBe(false);
  });
});
