import { describe, expect, it } from 'vitest';
import type { JobUsage } from '../../../shared/contracts/job';
import { costByGroup, costLedger, costSummary, DEFAULT_COST_RATES, formatRate, formatUsd } from '../../../shared/domain/job-cost';

const rates = { ...DEFAULT_COST_RATES, transcriptionPerHourUsd: 0.15, inputPerMillionTokensUsd: 0.4, cachedInputPerMillionTokensUsd: 0.1, outputPerMillionTokensUsd: 1.6 };
const nothing: JobUsage = { audioSeconds: 0, inputTokens: 0, outputTokens: 0 };
const lineOf = (usage: JobUsage, item: string) => costLedger(usage, rates).lines.find((line) => line.item === item)!;

describe('costLedger', () => {
  it('prices an hour of audio at the speech model\'s hourly rate', () => {
    expect(lineOf({ ...nothing, audioSeconds: 3600 }, 'transcription')).toMatchObject({ quantity: 1, unit: 'audio hours', rateUsd: 0.15, usd: 0.15 });
    expect(lineOf({ ...nothing, audioSeconds: 600 }, 'transcription').usd).toBe(0.025);
  });

  it('prices cached prompt tokens at the cached rate and only the rest at the full input rate', () => {
    const usage = { ...nothing, inputTokens: 20_000, cachedInputTokens: 15_000, outputTokens: 5_000 };
    expect(lineOf(usage, 'inputTokens')).toMatchObject({ quantity: 5_000, usd: 0.002 });
    expect(lineOf(usage, 'cachedInputTokens')).toMatchObject({ quantity: 15_000, usd: 0.0015 });
    expect(lineOf(usage, 'outputTokens')).toMatchObject({ quantity: 5_000, usd: 0.008 });
    expect(costByGroup(costLedger(usage, rates)).notes).toBe(0.0115);
  });

  it('prices what the runs metered at the AWS rates: transitions, GB-seconds, requests and request units', () => {
    const usage: JobUsage = {
      ...nothing,
      stateTransitions: 40,
      lambdaRequests: 20,
      // 10 s at 1,024 MB: 10 GB-seconds.
      lambdaMbMilliseconds: 10_000 * 1024,
      s3WriteRequests: 30,
      s3ReadRequests: 50,
      dynamoWriteUnits: 60,
      dynamoReadUnits: 25,
    };
    const ledger = costLedger(usage, rates);
    const usd = Object.fromEntries(ledger.lines.map((line) => [line.item, line.usd]));
    expect(usd).toMatchObject({
      stateTransitions: 0.001,
      lambdaCompute: 0.000133334,
      lambdaRequests: 0.000004,
      s3WriteRequests: 0.00015,
      s3ReadRequests: 0.00002,
      dynamoWriteUnits: 0.0000375,
      dynamoReadUnits: 0.000003125,
    });
    expect(lineOf(usage, 'lambdaCompute')).toMatchObject({ quantity: 10, unit: 'GB-seconds' });
    expect(costByGroup(ledger)).toEqual({ transcription: 0, notes: 0, aws: 0.001347959 });
    expect(ledger.totalUsd).toBe(0.001347959);
  });

  it('has every line, zero ones included, and a zero total for a job that used nothing', () => {
    const ledger = costLedger(nothing, rates);
    expect(ledger.lines.map((line) => line.item)).toEqual([
      'transcription',
      'inputTokens',
      'cachedInputTokens',
      'outputTokens',
      'stateTransitions',
      'lambdaCompute',
      'lambdaRequests',
      's3WriteRequests',
      's3ReadRequests',
      'dynamoWriteUnits',
      'dynamoReadUnits',
    ]);
    expect(ledger.totalUsd).toBe(0);
    expect(ledger.ratesCheckedOn).toBe(DEFAULT_COST_RATES.checkedOn);
  });
});

describe('formatUsd, formatRate and costSummary', () => {
  it('show cents from a dollar, four places below, two significant digits under a hundredth of a cent', () => {
    expect([formatUsd(0), formatUsd(1.234), formatUsd(0.15), formatUsd(0.0012), formatUsd(0.0000123), formatUsd(0.00000046)]).toEqual([
      '$0',
      '$1.23',
      '$0.1500',
      '$0.0012',
      '$0.000012',
      '$0.00000046',
    ]);
  });

  it('show a rate with every digit its provider gives', () => {
    expect([formatRate(0.025), formatRate(0.0000133334), formatRate(0.15)]).toEqual(['$0.025', '$0.0000133334', '$0.15']);
  });

  it('sum the ledger up by group in one line', () => {
    const ledger = costLedger({ ...nothing, audioSeconds: 3600, inputTokens: 10_000, outputTokens: 1_000, stateTransitions: 40 }, rates);
    expect(costSummary(ledger)).toBe(`Cost $0.1566: transcription $0.1500, notes $0.0056, AWS $0.0010 (rates of ${DEFAULT_COST_RATES.checkedOn})`);
  });
});
