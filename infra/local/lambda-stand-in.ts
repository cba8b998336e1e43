import { metered } from '../../lambdas/runtime/invocation-meter';
import type { ProviderFreeDependencies } from '../../lambdas/runtime/provider-free-dependencies';
import { FUNCTIONS, handlerEntry, type FunctionSpec, type HandlerName } from '../function-registry';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type LocalFunction = (event: JsonValue) => Promise<JsonValue>;

interface HandlerModule {
  makeHandler: (deps: ProviderFreeDependencies) => (event: never) => Promise<unknown>;
}

/**
 * The error Lambda reports for a failed invocation: the name is the error
 * type Retry and Catch match on, and the cause is the JSON Lambda puts in
 * `Cause`, so a Catch sees the same thing locally as in AWS.
 */
function asLambdaError(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const reported = new Error(JSON.stringify({ errorType: name, errorMessage: message, trace: [] }));
  reported.name = name;
  return reported;
}

/**
 * Loads a handler module and invokes it as Lambda would: the event and the
 * result cross a JSON boundary (so nothing passes that Lambda would not
 * carry), and errors are reported in Lambda's shape. `deps` is what the
 * function's Lambda export would compose (its registry entry says which). A
 * pipeline step is metered as lambdaEntry meters it in AWS, at its registry
 * memory, so a local job's cost ledger is measured too (with no cold starts:
 * modules load once here).
 */
export async function loadLocalFunction(handler: HandlerName, deps: ProviderFreeDependencies): Promise<LocalFunction> {
  const module = (await import(handlerEntry(handler))) as Partial<HandlerModule>;
  if (typeof module.makeHandler !== 'function') throw new Error(`Handler module ${handler} exports no makeHandler(deps).`);
  const handle = module.makeHandler(deps) as (event: JsonValue) => Promise<unknown>;
  const spec: FunctionSpec = FUNCTIONS[handler];
  const invoke = (event: JsonValue) =>
    spec.state ? metered({ state: spec.state, memoryMb: spec.memoryMb }, deps.jobs, event, () => handle(event)) : handle(event);
  return async (event) => {
    try {
      const result = await invoke(JSON.parse(JSON.stringify(event)) as JsonValue);
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
    } catch (error) {
      throw asLambdaError(error);
    }
  };
}
