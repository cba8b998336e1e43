import { describe, expect, it } from 'vitest';
import { PIPELINE_STEPS } from '../../infra/function-registry';
import { assemblyAiWorstCaseMs, openAiTranscriptionWorstCaseMs, openAiWorstCaseMs } from '../../lambdas/runtime/provider-budgets';

/** Room left for reading and writing S3 and DynamoDB around the provider call. */
const MARGIN_MS = 10_000;

describe('provider time budgets', () => {
  it.each(['GenerateChunkNotes', 'ReduceNotes'] as const)('let %s finish its notes request, every retry included, before its Lambda times out', (step) => {
    expect(openAiWorstCaseMs() + MARGIN_MS).toBeLessThan(PIPELINE_STEPS[step].timeoutSeconds * 1000);
  });

  it.each(['SubmitTranscription', 'CheckTranscription'] as const)('let %s finish its provider call before its Lambda times out', (step) => {
    expect(assemblyAiWorstCaseMs() + MARGIN_MS).toBeLessThan(PIPELINE_STEPS[step].timeoutSeconds * 1000);
  });

  it('let SubmitTranscription read the recording and wait for a Whisper server\'s whole answer before its Lambda times out, within Lambda\'s 15 minutes', () => {
    expect(openAiTranscriptionWorstCaseMs() + MARGIN_MS).toBeLessThan(PIPELINE_STEPS.SubmitTranscription.timeoutSeconds * 1000);
    expect(PIPELINE_STEPS.SubmitTranscription.timeoutSeconds).toBeLessThanOrEqual(900);
  });
});
