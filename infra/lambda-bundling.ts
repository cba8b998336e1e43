import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS, handlerEntry, type HandlerName } from './function-registry';

/* How every function's handler is bundled, once: AppFunction hands these to NodejsFunction, and
   the cold-start bench and the bundle-content test bundle with them, so what they measure is what deploys. */

/**
 * Left out of the bundle and copied beside it, into node_modules/, for the functions that may use it:
 * the offline notes engine's model is megabytes of JSON that, bundled as code, every cold start of a
 * notes step parsed although it is only the fallback when no OpenAI key is set; as files, Node reads
 * them when that engine first runs.
 */
export const SHIPPED_AS_FILES = ['wink-eng-lite-web-model'];

const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'] as string[],
  // Everything else is bundled, the AWS SDK too: the versions tested here are the versions that run, whatever the runtime ships.
  externalModules: SHIPPED_AS_FILES,
  // Some dependencies still call require(); give the ESM bundle one.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/** The notes steps compose the offline engine; no other function loads its model. */
const shipsModel = (handler: HandlerName) => FUNCTIONS[handler].composes === 'notes';

/** What NodejsFunction gets for a handler: the settings above, and the packages shipped as files copied in. */
export const lambdaBundling = (handler: HandlerName): BundlingOptions => ({
  ...LAMBDA_BUNDLING,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      shipsModel(handler) ? SHIPPED_AS_FILES.map((name) => `mkdir -p "${outputDir}/node_modules" && cp -R "${inputDir}/node_modules/${name}" "${outputDir}/node_modules/"`) : [],
  },
});

/** NodejsFunction runs esbuild from the folder of the lockfile: the project's root. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface HandlerBundle {
  /** The minified ESM module, as the Lambda gets it in index.mjs. */
  readonly code: Uint8Array;
  /** Its source map, which the module names and Node reads under --enable-source-maps. */
  readonly sourceMap: Uint8Array | undefined;
  /** Each input (relative to the project's root: node_modules/... for dependencies) and its bytes in the module. */
  readonly inputs: Record<string, number>;
}

/**
 * Bundles handlers as `esbuild --bundle` does under NodejsFunction, with the settings above, in memory.
 * One build with an entry point each: without code splitting every output stands alone, as a separate
 * build's would, and the modules they share are parsed once.
 */
export async function bundleHandlers<Handler extends string>(handlers: readonly Handler[]): Promise<Map<Handler, HandlerBundle>> {
  const result = await build({
    entryPoints: Object.fromEntries(handlers.map((handler) => [handler, handlerEntry(handler)])),
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
    outdir: 'bundles',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const contents = (outputPath: string) => result.outputFiles.find((file) => file.path === join(PROJECT_ROOT, outputPath))?.contents;
  return new Map(
    handlers.map((handler) => {
      const outputPath = `bundles/${handler}.mjs`;
      const output = result.metafile.outputs[outputPath];
      const code = contents(outputPath);
      if (!output || !code) throw new Error(`esbuild wrote no module for ${handler}`);
      const inputs = Object.fromEntries(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]));
      return [handler, { code, sourceMap: contents(`${outputPath}.map`), inputs }];
    }),
  );
}

/** The package an input comes from (node_modules/@scope/name/... → @scope/name), or the project's own code. */
export const packageOf = (input: string): string => {
  const inside = input.split('node_modules/').at(-1)!;
  if (inside === input) return 'own code';
  const [first, second] = inside.split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
};

/** The packages that take the most of a bundle's output, largest first. */
export function largestPackages({ inputs }: HandlerBundle, count: number): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const [input, inOutput] of Object.entries(inputs)) bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + inOutput);
  return [...bytes].map(([name, total]) => ({ name, bytes: total })).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}
