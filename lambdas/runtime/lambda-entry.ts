import type { Context } from 'aws-lambda';
import { configFromEnvironment, type RuntimeConfig } from './config';
import { metered } from './invocation-meter';
import { logger, tracer } from './powertools';
import { withProviderKeys } from './provider-keys';
import type { ProviderFreeDependencies } from './provider-free-dependencies';

/** Runs one invocation inside its own trace subsegment, as Powertools' handler wrappers do. */
async function traced<Result>(run: () => Promise<Result>): Promise<Result> {
  if (!tracer.isTracingEnabled()) return run();
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await run();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
  }
}

/**
 * The Lambda export of a handler module, and the one place every handler is
 * instrumented: logging context, a trace subsegment, metrics published at the
 * end, and for a pipeline step (the stack names its state in PIPELINE_STATE)
 * its usage added to its job's cost ledger (invocation-meter.ts), the first
 * invocation of a process with its cold start. `compose` builds what the handler needs (composeProviderFree, or
 * composeTranscription / composeNotes when it calls a provider) from the function's
 * environment; the result is kept while the provider keys stay the same (they
 * are re-read from Secrets Manager every few minutes). Tests and the local
 * runtime call `makeHandler` directly.
 */
export function lambdaEntry<Deps extends ProviderFreeDependencies, Event, Result>(
  makeHandler: (deps: Deps) => (event: Event) => Promise<Result>,
  compose: (config: RuntimeConfig) => Deps,
) {
  let composed: { keys: string; deps: Deps; handle: (event: Event) => Promise<Result> } | undefined;
  let coldStart = true;
  return async (event: Event, context?: Context): Promise<Result> => {
    // Billed from here, and for the first invocation of a process from its start: Lambda bills the init phase too.
    const since = coldStart ? 0 : performance.now();
    coldStart = false;
    if (context) logger.addContext(context);
    const config = await withProviderKeys(configFromEnvironment(process.env));
    const keys = `${config.transcription.apiKey ?? ''}\n${config.notes.apiKey ?? ''}`;
    if (composed?.keys !== keys) {
      const deps = compose(config);
      composed = { keys, deps, handle: makeHandler(deps) };
    }
    const { deps, handle } = composed;
    const state = process.env.PIPELINE_STATE;
    const memoryMb = Number(context?.memoryLimitInMB);
    try {
      if (!state || !memoryMb) return await traced(() => handle(event));
      return await metered({ state, memoryMb }, deps.jobs, event, () => traced(() => handle(event)), { since });
    } finally {
      deps.metrics.publish();
    }
  };
}
