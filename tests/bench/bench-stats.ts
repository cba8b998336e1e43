/** How many times each measurement repeats; its median is reported. BENCH_ROUNDS=1 for a quick look. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new Error('No values to take a percentile of');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('No values to take a median of');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function repeat<T>(times: number, measure: (round: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let round = 0; round < times; round++) results.push(await measure(round));
  return results;
}

export const seconds = (value: number, digits = 2) => `${value.toFixed(digits)} s`;
export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
