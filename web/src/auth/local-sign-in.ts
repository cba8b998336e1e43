import { createApiClient } from '../../../shared/contracts/api-client';
import { sessionFor, type Session } from './session';

/** The local runtime's sign-in: a name, no password (it has no accounts). */
export async function signInLocally(apiUrl: string, username: string, nowMs: number): Promise<Session> {
  const signedIn = await createApiClient({ baseUrl: apiUrl }).signInLocally(username);
  return sessionFor(signedIn.idToken, signedIn.expiresIn, nowMs);
}
