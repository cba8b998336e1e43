import { configFromEnvironment } from './config';
import { composeDependencies, type Dependencies } from './dependencies';

/**
 * The Lambda export of a handler module: composes the dependencies from the
 * function's environment on the first invocation and keeps them for the life
 * of the container. Tests and the local runtime call `makeHandler` directly.
 */
export function lambdaEntry<Event, Result>(makeHandler: (deps: Dependencies) => (event: Event) => Promise<Result>) {
  let handle: ((event: Event) => Promise<Result>) | undefined;
  return (event: Event) => {
    handle ??= makeHandler(composeDependencies(configFromEnvironment(process.env)));
    return handle(event);
  };
}
