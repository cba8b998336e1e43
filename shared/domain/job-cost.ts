import type { CostLedger, CostLine } from '../contracts/api';
import type { JobUsage } from '../contracts/job';
import { AWS_RATES, PROVIDER_RATES } from './provider-rates';

/** The rates a ledger is worked out with: the providers' may be set to a plan's (PRICE_* settings), AWS's are list prices. */
export interface CostRates {
  transcriptionPerHourUsd: number;
  inputPerMillionTokensUsd: number;
  cachedInputPerMillionTokensUsd: number;
  outputPerMillionTokensUsd: number;
  aws: Omit<typeof AWS_RATES, 'checkedOn' | 'region'>;
  checkedOn: string;
}

export const DEFAULT_COST_RATES: CostRates = {
  transcriptionPerHourUsd: PROVIDER_RATES.transcription.perHourUsd,
  inputPerMillionTokensUsd: PROVIDER_RATES.notes.inputPerMillionTokensUsd,
  cachedInputPerMillionTokensUsd: PROVIDER_RATES.notes.cachedInputPerMillionTokensUsd,
  outputPerMillionTokensUsd: PROVIDER_RATES.notes.outputPerMillionTokensUsd,
  aws: AWS_RATES,
  checkedOn: PROVIDER_RATES.checkedOn,
};

/** To a billionth of a dollar: the AWS lines of one job are millionths of one (what a reader sees is formatUsd's). */
const roundUsd = (usd: number) => Math.round(usd * 1e9) / 1e9;

const MB_MS_PER_GB_SECOND = 1024 * 1000;

/**
 * What a job cost, from what it used: audio at the speech model's rate, prompt
 * tokens (those the provider served from its cache at the cached rate) and
 * output tokens at the notes model's, and the AWS charges its runs metered.
 * Every line is there, a zero one too, so the breakdown reads the same for every job.
 */
export function costLedger(usage: JobUsage, rates: CostRates): CostLedger {
  const cached = usage.cachedInputTokens ?? 0;
  const line = (item: string, group: CostLine['group'], label: string, quantity: number, unit: string, rateUsd: number, per: number): CostLine => ({
    item,
    group,
    label,
    quantity,
    unit,
    rateUsd,
    per,
    usd: roundUsd((quantity / per) * rateUsd),
  });
  const { aws } = rates;
  const lines = [
    line('transcription', 'transcription', 'Transcription', usage.audioSeconds / 3600, 'audio hours', rates.transcriptionPerHourUsd, 1),
    line('inputTokens', 'notes', 'Notes: input tokens', Math.max(0, usage.inputTokens - cached), 'tokens', rates.inputPerMillionTokensUsd, 1e6),
    line('cachedInputTokens', 'notes', 'Notes: cached input tokens', cached, 'tokens', rates.cachedInputPerMillionTokensUsd, 1e6),
    line('outputTokens', 'notes', 'Notes: output tokens', usage.outputTokens, 'tokens', rates.outputPerMillionTokensUsd, 1e6),
    line('stateTransitions', 'aws', 'Step Functions', usage.stateTransitions ?? 0, 'state transitions', aws.stateTransitionsPerThousandUsd, 1000),
    line('lambdaCompute', 'aws', 'Lambda compute', (usage.lambdaMbMilliseconds ?? 0) / MB_MS_PER_GB_SECOND, 'GB-seconds', aws.lambdaPerGbSecondUsd, 1),
    line('lambdaRequests', 'aws', 'Lambda requests', usage.lambdaRequests ?? 0, 'requests', aws.lambdaRequestsPerMillionUsd, 1e6),
    line('s3WriteRequests', 'aws', 'S3 PUT and LIST', usage.s3WriteRequests ?? 0, 'requests', aws.s3WriteRequestsPerThousandUsd, 1000),
    line('s3ReadRequests', 'aws', 'S3 GET', usage.s3ReadRequests ?? 0, 'requests', aws.s3ReadRequestsPerThousandUsd, 1000),
    line('dynamoWriteUnits', 'aws', 'DynamoDB writes', usage.dynamoWriteUnits ?? 0, 'write request units', aws.dynamoWriteUnitsPerMillionUsd, 1e6),
    line('dynamoReadUnits', 'aws', 'DynamoDB reads', usage.dynamoReadUnits ?? 0, 'read request units', aws.dynamoReadUnitsPerMillionUsd, 1e6),
  ];
  return { totalUsd: roundUsd(lines.reduce((sum, { usd }) => sum + usd, 0)), ratesCheckedOn: rates.checkedOn, lines };
}

/** The ledger's lines added up by group: transcription, notes, AWS. */
export const costByGroup = (ledger: CostLedger): Record<CostLine['group'], number> => {
  const groups = { transcription: 0, notes: 0, aws: 0 };
  for (const { group, usd } of ledger.lines) groups[group] = roundUsd(groups[group] + usd);
  return groups;
};

/** Dollars as a reader wants them: cents from a dollar up, four places below it, and the first two significant digits of a smaller sum. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.0001) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(1 - Math.floor(Math.log10(usd)))}`;
}

/** A rate as its provider states it, every digit kept: "$0.025", "$0.0000133334". */
export const formatRate = (usd: number): string => `$${usd.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 21 })}`;

/** The ledger in one line, as the CLI ends with it: "Cost $0.1523: transcription $0.15, notes $0.0017, AWS $0.0006 (rates of 2026-12-02)". */
export function costSummary(ledger: CostLedger): string {
  const groups = costByGroup(ledger);
  return `Cost ${formatUsd(ledger.totalUsd)}: transcription ${formatUsd(groups.transcription)}, notes ${formatUsd(groups.notes)}, AWS ${formatUsd(groups.aws)} (rates of ${ledger.ratesCheckedOn})`;
}
