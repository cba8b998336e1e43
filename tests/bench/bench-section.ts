/** One part of `npm run bench`: the rows it prints and the figures it writes to bench-results.json. */
export type BenchSection = { title: string; rows: Array<[label: string, value: string]>; figures: Record<string, number> };
