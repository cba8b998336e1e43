import { ApiErrorSchema, LocalSignInResponseSchema } from '../../../shared/contracts/api';
import { ApiError } from '../api/api-error';
import { sessionFor, type Session } from './session';

/** The local runtime's sign-in: a name, no password (it has no accounts). */
export async function signInLocally(apiUrl: string, username: string, nowMs: number): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl.replace(/\/+$/, '')}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username }),
    });
  } catch {
    throw new ApiError(0, 'NetworkError', 'The local runtime cannot be reached. Is `npm start` still running?');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = ApiErrorSchema.safeParse(body);
    throw new ApiError(response.status, problem.success ? problem.data.error : 'HttpError', problem.success ? problem.data.message : `Sign-in failed with HTTP ${response.status}.`);
  }
  const signedIn = LocalSignInResponseSchema.parse(body);
  return sessionFor(signedIn.idToken, signedIn.expiresIn, nowMs);
}
