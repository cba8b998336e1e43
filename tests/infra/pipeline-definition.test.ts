import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { PIPELINE_STEP_NAMES, PIPELINE_STEPS } from '../../infra/function-registry';
import { exportPipelineAsl, localFunctionArn } from '../../infra/pipeline-asl';

type State = Record<string, unknown> & { Type: string };

const definition = exportPipelineAsl({ notesConcurrency: 7 });
const states = definition.States as Record<string, State>;
const map = states.GenerateNotes as State & { ItemProcessor: { States: Record<string, State> } };
const allStates: Record<string, State> = { ...states, ...map.ItemProcessor.States };
const tasks = Object.entries(allStates).filter(([, state]) => state.Type === 'Task');

describe('the exported pipeline definition', () => {
  it('is valid Amazon States Language', () => {
    const result = validator(definition, { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('has one Lambda task per pipeline step, each running its own function with a timeout above its Lambda\'s', () => {
    expect(tasks.map(([name]) => name).sort()).toEqual([...PIPELINE_STEP_NAMES].sort());
    for (const [name, state] of tasks) {
      const step = name as keyof typeof PIPELINE_STEPS;
      expect(state.Resource).toBe(localFunctionArn(step));
      expect(state.TimeoutSeconds).toBeGreaterThan(PIPELINE_STEPS[step].timeoutSeconds);
    }
    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
  });

  it('sends every stage\'s failure to the one failure step, which itself cannot loop back', () => {
    const stages = Object.entries(states).filter(([name, state]) => (state.Type === 'Task' || state.Type === 'Map') && name !== 'RecordFailure');
    expect(stages.length).toBeGreaterThan(6);
    for (const [, state] of stages) {
      expect(state.Catch).toEqual([
        { ErrorEquals: ['States.DataLimitExceeded'], ResultPath: '$.error', Next: 'RecordFailure' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' },
      ]);
    }
    expect(states.RecordFailure?.Catch).toBeUndefined();
    expect(states.RecordFailure?.Next).toBe('JobFailed');
    expect(states.JobFailed?.Type).toBe('Fail');
  });

  it('retries passing faults with capped, jittered backoff, provider outages slower and fewer, never the pipeline\'s own verdicts', () => {
    type Retrier = { ErrorEquals: string[]; MaxAttempts: number; IntervalSeconds: number; JitterStrategy: string; MaxDelaySeconds: number };
    for (const [, state] of tasks) {
      const retriers = state.Retry as Retrier[];
      const service = retriers.find((retrier) => retrier.ErrorEquals.includes('Lambda.ServiceException'));
      const provider = retriers.find((retrier) => retrier.ErrorEquals.includes('ProviderUnavailable'));
      expect(service?.ErrorEquals).toContain('Lambda.TooManyRequestsException');
      // S3 and DynamoDB timeouts, resets, throttling and 5xx, once the SDK's own retries are spent: a few more, spaced out.
      const storage = retriers.find((retrier) => retrier.ErrorEquals.includes('StorageUnavailable'));
      expect(storage?.ErrorEquals).toEqual(['StorageUnavailable']);
      expect(storage?.MaxAttempts).toBe(3);
      expect(storage?.IntervalSeconds).toBeGreaterThanOrEqual(2);
      expect(provider?.ErrorEquals).toEqual(['ProviderUnavailable']);
      // The provider's SDK already retried quickly: two more, spaced out, bound a step at 3 x 3 provider calls.
      expect(provider?.MaxAttempts).toBe(2);
      expect(provider?.IntervalSeconds).toBeGreaterThanOrEqual(10);
      for (const retrier of retriers) {
        expect(retrier.ErrorEquals).not.toContain('States.ALL');
        expect(retrier.ErrorEquals).not.toContain('InvalidUpload');
        expect(retrier.MaxAttempts).toBeLessThanOrEqual(3);
        expect(retrier.JitterStrategy).toBe('FULL');
        expect(retrier.MaxDelaySeconds).toBeLessThanOrEqual(60);
      }
    }
  });

  it('hands StartJob the run input, whoever started the run, with the execution\'s id', () => {
    expect(states.StartJob?.Parameters).toEqual({ 'run.$': '$', 'runId.$': '$$.Execution.Id' });
    expect(states.StartJob?.ResultPath).toBe('$.job');
  });

  it('lets a retry skip transcription when the transcript is stored', () => {
    expect(states.TranscriptStored).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.job.hasTranscript', BooleanEquals: true, Next: 'ChunkTranscript' }],
      Default: 'CaptionsOrAudio',
    });
  });

  it('fans out over chunk keys with the configured concurrency and keeps text out of the state', () => {
    expect(map.Type).toBe('Map');
    expect(map.MaxConcurrency).toBe(7);
    expect(map.ItemsPath).toBe('$.chunks.keys');
    expect(map.ResultPath).toBeNull();
  });

  it('waits as long as the last transcription step says, each check renewing the plan the loop turns on', () => {
    expect(states.SubmitTranscription).toMatchObject({ ResultPath: '$.transcription', Next: 'WaitForTranscript' });
    expect(states.WaitForTranscript).toMatchObject({ Type: 'Wait', SecondsPath: '$.transcription.waitSeconds', Next: 'CheckTranscription' });
    expect(states.CheckTranscription).toMatchObject({ ResultPath: '$.transcription', Next: 'TranscriptReady' });
    expect(states.TranscriptReady).toMatchObject({
      Choices: [{ Variable: '$.transcription.ready', BooleanEquals: true, Next: 'ChunkTranscript' }],
      Default: 'WaitForTranscript',
    });
  });

  it('tells each chunk\'s step which version of the notes it writes, and in what style', () => {
    expect(map.ItemSelector).toEqual({
      'jobId.$': '$.job.jobId',
      'chunkKey.$': '$$.Map.Item.Value',
      'chunkIndex.$': '$$.Map.Item.Index',
      'version.$': '$.job.version',
      'request.$': '$.job.request',
    });
  });

  it('merges the chunk notes by code, then reduces them over the whole lecture, then completes, each result under its own path', () => {
    expect(map.Next).toBe('MergeNotes');
    expect(states.MergeNotes).toMatchObject({ ResultPath: '$.merged', Next: 'ReduceNotes' });
    expect(states.ReduceNotes).toMatchObject({ ResultPath: '$.notes', Next: 'CompleteJob' });
  });

  it('resolves to plain JSON with nothing left for CloudFormation', () => {
    expect(JSON.stringify(definition)).not.toMatch(/Fn::|"Ref"/);
  });
});
