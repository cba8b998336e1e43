import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FUNCTIONS, type HandlerName } from '../../infra/function-registry';
import { bundleHandlers, largestPackages, type HandlerBundle } from '../../infra/lambda-bundling';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambdas/runtime/deployed-names';
import { formatSection, type BenchSection } from './bench-section';
import { median } from './bench-stats';

/*
 * Cold starts: each function's bundle, built as the stack builds it, its size and what fills it,
 * and the time a fresh Node 22 process takes to import it (the part of a Lambda's init that is ours).
 * The handler is imported, never invoked: nothing is called, nothing leaves the process.
 */

const RUNS = 5;
const NODE_22 = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));

/** What the Lambda service and the stack set before the module loads; placeholder names, since nothing is called. */
const lambdaEnvironment = (handler: string, memoryMb: number, taskRoot: string) => ({
  PATH: process.env.PATH ?? '',
  TZ: ':UTC',
  LANG: 'en_US.UTF-8',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: `lecture-notes-${handler}`,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
  LAMBDA_TASK_ROOT: taskRoot,
  _HANDLER: 'index.handler',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  BUCKET_NAME: 'lecture-notes-bench',
  JOBS_TABLE: 'lecture-notes-bench-jobs',
});

/**
 * Run in the fresh process: the import alone, timed from inside, and the memory it leaves in use.
 * The CPU time beside the wall time is what a busy machine disturbs least.
 */
const IMPORT_PROBE = `
const started = performance.now();
const cpu = process.cpuUsage();
const module = await import(process.argv[1]);
const importMs = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
if (typeof module.handler !== 'function') throw new Error('the bundle exports no handler');
console.log(JSON.stringify({ importMs, cpuMs: (user + system) / 1000, rssBytes: process.memoryUsage().rss }));
`;

const run = promisify(execFile);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

interface Measured {
  handler: HandlerName;
  memoryMb: number;
  bundleBytes: number;
  importMs: number;
  cpuMs: number;
  rssMb: number;
  largest: string;
}

async function measure(handler: HandlerName, bundle: HandlerBundle, folder: string): Promise<Measured> {
  const { memoryMb } = FUNCTIONS[handler];
  const taskRoot = join(folder, handler);
  await mkdir(taskRoot);
  // Named as the bundle's source-map comment names it.
  const modulePath = join(taskRoot, `${handler}.mjs`);
  await writeFile(modulePath, bundle.code);
  if (bundle.sourceMap) await writeFile(`${modulePath}.map`, bundle.sourceMap);
  const samples: { importMs: number; cpuMs: number; rssBytes: number }[] = [];
  for (let attempt = 0; attempt < RUNS; attempt += 1) {
    const { stdout } = await run(NODE_22, ['--input-type=module', '-e', IMPORT_PROBE, pathToFileURL(modulePath).href], {
      cwd: taskRoot,
      env: lambdaEnvironment(handler, memoryMb, taskRoot),
    });
    samples.push(JSON.parse(stdout.trim().split('\n').at(-1)!));
  }
  const largest = largestPackages(bundle, 3)
    .map(({ name, bytes }) => `${name} ${kb(bytes)}`)
    .join(', ');
  return {
    handler,
    memoryMb,
    bundleBytes: bundle.code.byteLength,
    importMs: median(samples.map((sample) => sample.importMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    rssMb: median(samples.map((sample) => sample.rssBytes)) / 1024 ** 2,
    largest,
  };
}

export async function coldStarts(): Promise<BenchSection> {
  const bundles = await bundleHandlers(Object.keys(FUNCTIONS) as HandlerName[]);
  const folder = await mkdtemp(join(tmpdir(), 'lecture-notes-cold-starts-'));
  const measured: Measured[] = [];
  try {
    // One at a time: two imports at once on a 2-core machine would time each other.
    for (const [handler, bundle] of bundles) measured.push(await measure(handler, bundle, folder));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const slowest = measured.reduce((worst, next) => (next.importMs > worst.importMs ? next : worst));
  return {
    title: `Cold starts: each Lambda bundle, minified, and its import in a fresh Node ${process.versions.node.split('.')[0]} process (median of ${RUNS})`,
    rows: [
      ...measured.map(({ handler, memoryMb, bundleBytes, importMs, cpuMs, rssMb, largest }): [string, string] => [
        handler,
        `${kb(bundleBytes)}, import ${importMs.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms), ${rssMb.toFixed(0)} MB resident of ${memoryMb} MB; largest: ${largest}`,
      ]),
      ['slowest import', `${slowest.handler}, ${slowest.importMs.toFixed(0)} ms`],
    ],
    figures: {
      ...Object.fromEntries(measured.map(({ handler, bundleBytes }) => [`bundleBytes.${handler}`, bundleBytes])),
      ...Object.fromEntries(measured.map(({ handler, importMs }) => [`coldStartImportMs.${handler}`, Math.round(importMs * 10) / 10])),
      ...Object.fromEntries(measured.map(({ handler, cpuMs }) => [`coldStartImportCpuMs.${handler}`, Math.round(cpuMs * 10) / 10])),
      ...Object.fromEntries(measured.map(({ handler, rssMb }) => [`importResidentMb.${handler}`, Math.round(rssMb)])),
      coldStartImportMsMax: Math.round(slowest.importMs * 10) / 10,
      coldStartImportCpuMsMax: Math.round(Math.max(...measured.map(({ cpuMs }) => cpuMs)) * 10) / 10,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatSection(await coldStarts()));
}
