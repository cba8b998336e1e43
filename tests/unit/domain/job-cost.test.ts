import { describe, expect, it } from 'vitest';
import { estimateCostUsd } from '../../../shared/domain/job-cost';

const prices = { transcriptionPerHourUsd: 0.15, inputPerMillionTokensUsd: 0.4, outputPerMillionTokensUsd: 1.6 };

describe('estimateCostUsd', () => {
  it('adds the transcription by the hour and the tokens by the million', () => {
    // An hour of audio ($0.15), 20,000 tokens in ($0.008) and 5,000 out ($0.008).
    expect(estimateCostUsd({ audioSeconds: 3600, inputTokens: 20_000, outputTokens: 5_000 }, prices)).toBe(0.166);
  });

  it('costs nothing for captions with offline notes', () => {
    expect(estimateCostUsd({ audioSeconds: 0, inputTokens: 0, outputTokens: 0 }, prices)).toBe(0);
  });

  it('rounds to a hundredth of a cent', () => {
    expect(estimateCostUsd({ audioSeconds: 1, inputTokens: 1, outputTokens: 1 }, prices)).toBe(0);
    expect(estimateCostUsd({ audioSeconds: 600, inputTokens: 0, outputTokens: 0 }, prices)).toBe(0.025);
  });
});
