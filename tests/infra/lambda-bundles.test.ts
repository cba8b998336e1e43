import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type Composition, type HandlerName } from '../../infra/function-registry';
import { bundleHandlers, packageOf } from '../../infra/lambda-bundling';

/* What each function's bundle carries, from esbuild's metafile, bundled as the stack bundles it:
   a function carries the provider SDKs, the language model and the Word writer only if it uses them. */

const OPENAI = ['openai'];
const ASSEMBLYAI = ['assemblyai'];
const LANGUAGE_MODEL = ['wink-nlp', 'wink-eng-lite-web-model'];
const WORD = ['docx'];

/** The only function that writes Word files: GET /jobs/{jobId}/notes?format=docx. */
const EXPORTS_WORD: readonly HandlerName[] = ['get-notes'];

const CARRIES: Record<Composition, { must: string[]; never: string[] }> = {
  'provider-free': { must: [], never: [...OPENAI, ...ASSEMBLYAI, ...LANGUAGE_MODEL] },
  redrive: { must: [], never: [...OPENAI, ...ASSEMBLYAI, ...LANGUAGE_MODEL] },
  transcription: { must: ASSEMBLYAI, never: [...OPENAI, ...LANGUAGE_MODEL] },
  // The offline engine is the fallback when no OpenAI key is set, in AWS too: its model stays, loaded on first use.
  notes: { must: [...OPENAI, ...LANGUAGE_MODEL], never: ASSEMBLYAI },
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
