import { writeFile } from 'node:fs/promises';
import { formatSection, type BenchMeasurement } from './bench-section';

/*
 * `npm run bench`: what the pipeline adds to what the providers take, the
 * transcription wait's lag, the engines' throughput, the status API's latency,
 * each Lambda's cold start, what a lecture costs and what it should take in
 * AWS, each figure measured in this one run (medians of BENCH_ROUNDS, 3 by default). Prints a table and
 * writes bench-results.json; asserts nothing.
 */

// The logger reads its level when first imported: set it before any section loads the runtime.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

/** The sections in the order they run; each gets the figures of those before it. */
const SECTIONS: Array<() => Promise<BenchMeasurement>> = [
  async () => (await import('./critical-path')).measureCriticalPath,
  async () => (await import('./transcription-wait')).measureTranscriptionWait,
  async () => (await import('./orchestration-overhead')).measureOrchestrationOverhead,
  async () => (await import('./throughput')).measureThroughput,
  async () => (await import('./status-latency')).measureStatusLatency,
  async () => (await import('./cold-starts')).coldStarts,
  async () => (await import('./cost')).cost,
  async () => (await import('./cloud-projection')).projectCloudTime,
];

const RESULTS_FILE = 'bench-results.json';

const figures: Record<string, number> = {};
const started = performance.now();
for (const load of SECTIONS) {
  const section = await (await load())(figures);
  Object.assign(figures, section.figures);
  console.log(`${formatSection(section)}\n`);
}
const measuredAt = new Date().toISOString();
await writeFile(RESULTS_FILE, `${JSON.stringify({ measuredAt, benchSeconds: (performance.now() - started) / 1000, figures }, null, 2)}\n`);
console.log(`${Object.keys(figures).length} figures written to ${RESULTS_FILE} (${measuredAt}, ${((performance.now() - started) / 1000).toFixed(0)} s)`);
