import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type Composition, type HandlerName } from '../../infra/function-registry';
import { bundleHandlers, lambdaBundling, packageOf, SHIPPED_AS_FILES } from '../../infra/lambda-bundling';

/* What each function's bundle carries, from esbuild's metafile, bundled as the stack bundles it:
   a function carries the provider SDKs, the language model and the Word writer only if it uses them. */

const OPENAI = ['openai'];
const ASSEMBLYAI = ['assemblyai'];
const LANGUAGE_MODEL = ['wink-nlp', 'wink-eng-lite-web-model'];
const LANGUAGE_MODEL_CODE = ['wink-nlp'];
const WORD = ['docx'];

/** The only function that writes Word files: GET /jobs/{jobId}/notes?format=docx. */
const EXPORTS_WORD: readonly HandlerName[] = ['get-notes'];

const CARRIES: Record<Composition, { must: string[]; never: string[] }> = {
  'provider-free': { must: [], never: [...OPENAI, ...ASSEMBLYAI, ...LANGUAGE_MODEL] },
  redrive: { must: [], never: [...OPENAI, ...ASSEMBLYAI, ...LANGUAGE_MODEL] },
  // Either speech-to-text provider: AssemblyAI's SDK, or OpenAI's for a server that speaks its transcription API.
  transcription: { must: [...ASSEMBLYAI, ...OPENAI], never: LANGUAGE_MODEL },
  // The offline engine is the fallback when no OpenAI key is set, in AWS too; its model ships as files beside the bundle.
  notes: { must: [...OPENAI, ...LANGUAGE_MODEL_CODE], never: [...ASSEMBLYAI, ...SHIPPED_AS_FILES] },
};

const handlers = Object.keys(FUNCTIONS) as HandlerName[];
const bundles = await bundleHandlers(handlers);
const inputsOf = (handler: HandlerName) => Object.keys(bundles.get(handler)!.inputs);
const packagesOf = (handler: HandlerName) => new Set(inputsOf(handler).map(packageOf));

describe('each Lambda bundle', () => {
  it.each(handlers)('%s carries the providers it composes and no other', (handler) => {
    const { must, never } = CARRIES[FUNCTIONS[handler].composes];
    const packages = packagesOf(handler);
    expect(must.filter((name) => !packages.has(name))).toEqual([]);
    expect(never.filter((name) => packages.has(name))).toEqual([]);
  });

  it.each(handlers)('%s carries the Word writer only if it exports Word', (handler) => {
    expect(WORD.some((name) => packagesOf(handler).has(name))).toBe(EXPORTS_WORD.includes(handler));
  });

  // A package pinned to another version of an AWS SDK client brings a whole second copy of it.
  it.each(handlers)('%s holds one copy of the AWS SDK and only the English messages of zod', (handler) => {
    const nested = inputsOf(handler).filter((input) => /node_modules\/.*node_modules\/@(aws-sdk|smithy)\//.test(input));
    expect(nested).toEqual([]);
    const locales = inputsOf(handler).filter((input) => input.includes('node_modules/zod/v4/locales/'));
    expect(locales.map((input) => input.split('/').at(-1))).toEqual(['en.js']);
  });
});

describe('the packages shipped as files', () => {
  const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
  /** What NodejsFunction's afterBundling hook leaves in a function's asset folder. */
  const assetAfterHooks = (handler: HandlerName) => {
    const asset = mkdtempSync(join(tmpdir(), `lecture-notes-asset-${handler}-`));
    for (const command of lambdaBundling(handler).commandHooks!.afterBundling(PROJECT_ROOT, asset)) execFileSync('sh', ['-c', command]);
    const shipped = SHIPPED_AS_FILES.filter((name) => existsSync(join(asset, 'node_modules', name, 'package.json')));
    rmSync(asset, { recursive: true, force: true });
    return shipped;
  };

  it.each(handlers.filter((handler) => FUNCTIONS[handler].composes === 'notes'))('are imported at run time by %s and copied beside its bundle', (handler) => {
    const code = new TextDecoder().decode(bundles.get(handler)!.code);
    for (const name of SHIPPED_AS_FILES) expect(code).toContain(`import("${name}")`);
    expect(assetAfterHooks(handler)).toEqual(SHIPPED_AS_FILES);
  });

  it('are copied into no other function', () => {
    const others = handlers.filter((handler) => FUNCTIONS[handler].composes !== 'notes');
    expect(others.filter((handler) => assetAfterHooks(handler).length > 0)).toEqual([]);
  });
});
