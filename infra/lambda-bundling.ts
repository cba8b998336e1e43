import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { handlerEntry } from './function-registry';

/* How every function's handler is bundled, once: AppFunction hands these to NodejsFunction, and
   the cold-start bench and the bundle-content test bundle with them, so what they measure is what deploys. */

export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'] as string[],
  // Bundle the AWS SDK too: the versions tested here are the versions that run, whatever the runtime ships.
  externalModules: [] as string[],
  // Some dependencies still call require(); give the ESM bundle one.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/** NodejsFunction runs esbuild from the folder of the lockfile: the project's root. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface HandlerBundle {
  /** The minified ESM module, as the Lambda gets it in index.mjs. */
  readonly code: Uint8Array;
  /** index.mjs.map, which the module names and Node reads under --enable-source-maps. */
  readonly sourceMap: Uint8Array | undefined;
  /** Inputs relative to the project's root (node_modules/... for dependencies), with their bytes in the output. */
  readonly metafile: Metafile;
}

/** Bundles one handler as `esbuild --bundle` does under NodejsFunction, with the settings above, in memory. */
export async function bundleHandler(handler: string): Promise<HandlerBundle> {
  const result = await build({
    entryPoints: [handlerEntry(handler)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: LAMBDA_BUNDLING.mainFields,
    external: LAMBDA_BUNDLING.externalModules,
    banner: { js: LAMBDA_BUNDLING.banner },
    outfile: 'index.mjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.contents;
  const code = output('index.mjs');
  if (!code) throw new Error(`esbuild wrote no module for ${handler}`);
  return { code, sourceMap: output('index.mjs.map'), metafile: result.metafile };
}

/** The package an input comes from (node_modules/@scope/name/... → @scope/name), or the project's own code. */
export const packageOf = (input: string): string => {
  const inside = input.split('node_modules/').at(-1)!;
  if (inside === input) return 'own code';
  const [first, second] = inside.split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
};

/** The packages that take the most of a bundle's output, largest first. */
export function largestPackages(metafile: Metafile, count: number): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].map(([name, total]) => ({ name, bytes: total })).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}
