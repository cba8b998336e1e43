import type { ApiError } from '../shared/contracts/api';

/* What the API's edge answers by itself, before any handler runs: API Gateway's gateway responses
   and mock methods in AWS (constructs/jobs-api.ts), the stand-in on one machine. One wording. */

/** A path the API has no resource for. */
export const NO_SUCH_ROUTE: ApiError = { error: 'NotFound', message: 'There is no such route in the API.' };

/** A method the path's resource does not have; `allowed` is what goes in the Allow header. */
export const methodNotAllowed = (method: string, allowed: string): ApiError => ({
  error: 'MethodNotAllowed',
  message: `${method} is not allowed here; use ${allowed}.`,
});
