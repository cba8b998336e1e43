import type { JobUsage } from '../contracts/job';

/** List prices the estimate is made with; set them to what your plans charge. */
export interface Prices {
  transcriptionPerHourUsd: number;
  inputPerMillionTokensUsd: number;
  outputPerMillionTokensUsd: number;
}

/** What a job cost in provider fees, in US dollars, to a hundredth of a cent. AWS's own per-use charges are not counted. */
export function estimateCostUsd(usage: JobUsage, prices: Prices): number {
  const usd =
    (usage.audioSeconds / 3600) * prices.transcriptionPerHourUsd +
    (usage.inputTokens / 1e6) * prices.inputPerMillionTokensUsd +
    (usage.outputTokens / 1e6) * prices.outputPerMillionTokensUsd;
  return Math.round(usd * 10_000) / 10_000;
}
