import type { Context } from 'aws-lambda';
import { configFromEnvironment } from './config';
import { composeDependencies, type Dependencies } from './dependencies';
import { logger, tracer } from './powertools';
import { withProviderKeys } from './provider-keys';

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
 * end. Dependencies are composed from the function's environment and kept
 * while the provider keys stay the same (they are re-read from Secrets
 * Manager every few minutes). Tests and the local runtime call `makeHandler`.
 */
export function lambdaEntry<Event, Result>(makeHandler: (deps: Dependencies) => (event: Event) => Promise<Result>) {
  let composed: { keys: string; deps: Dependencies; handle: (event: Event) => Promise<Result> } | undefined;
  return async (event: Event, context?: Context): Promise<Result> => {
    if (context) logger.addContext(context);
    const config = await withProviderKeys(configFromEnvironment(process.env));
    const keys = `${config.transcription.apiKey ?? ''}\n${config.notes.apiKey ?? ''}`;
    if (composed?.keys !== keys) {
      const deps = composeDependencies(config);
      composed = { keys, deps, handle: makeHandler(deps) };
    }
    const { deps, handle } = composed;
    try {
      return await traced(() => handle(event));
    } finally {
      deps.metrics.publish();
    }
  };
}
