import type { WinkMethods } from 'wink-nlp';

let loading: Promise<WinkMethods> | undefined;

/**
 * The English model is several megabytes: load it on first use, once per
 * process, so a runtime wired with the OpenAI engine never pays for it.
 * Sentence boundaries come from the transcript, so only tagging is needed.
 */
export function loadWink(): Promise<WinkMethods> {
  loading ??= Promise.all([import('wink-nlp'), import('wink-eng-lite-web-model')])
    .then(([{ default: winkNLP }, { default: model }]) => winkNLP(model, ['pos']))
    .catch((error: unknown) => {
      loading = undefined;
      throw new Error(`Could not load the offline notes model (wink-nlp with wink-eng-lite-web-model): ${String(error)}`);
    });
  return loading;
}
