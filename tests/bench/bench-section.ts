/**
 * One part of `npm run bench`: what it prints under its title, and its figures
 * by name for bench-results.json. A section gets the figures of the sections
 * before it, so one that builds on another's measurements (the cloud
 * projection) reads them instead of measuring again.
 */
export interface BenchSection {
  title: string;
  rows: Array<[label: string, value: string]>;
  figures: Record<string, number>;
}

export type BenchMeasurement = (measured: Readonly<Record<string, number>>) => Promise<BenchSection>;

/** A section as the bench prints it: its title, then its rows with the labels lined up. */
export function formatSection(section: BenchSection): string {
  const width = Math.max(...section.rows.map(([label]) => label.length));
  return [section.title, ...section.rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}
