import { base64Url, codeChallengeFor, createCodeVerifier } from './pkce';
import { authorizeUrl, redirectUriOf, sessionFromTokenResponse, tokenRequest, type AuthorizationCallback, type CognitoAuth } from './cognito-hosted-ui';
import type { Session } from './session';

/* The browser half of Cognito's hosted sign-in: the verifier and state wait in sessionStorage
   (this tab only) while the browser visits Cognito, and the page the user was on is restored after. */

const PENDING_KEY = 'lecture-notes.cognito-sign-in';

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnHash: string;
}

export async function beginCognitoSignIn(auth: CognitoAuth, returnHash: string): Promise<void> {
  const pending: PendingSignIn = { state: base64Url(crypto.getRandomValues(new Uint8Array(16))), codeVerifier: createCodeVerifier(), returnHash };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const codeChallenge = await codeChallengeFor(pending.codeVerifier);
  window.location.assign(authorizeUrl(auth, { redirectUri: redirectUriOf(window.location), state: pending.state, codeChallenge }));
}

function takePendingSignIn(): PendingSignIn | undefined {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** Trades the code Cognito sent back for tokens; the state must be the one this tab sent. */
export async function completeCognitoSignIn(auth: CognitoAuth, callback: AuthorizationCallback): Promise<{ session: Session; returnHash: string }> {
  const pending = takePendingSignIn();
  if ('error' in callback) throw new Error(`Sign-in did not finish: ${callback.description || callback.error}.`);
  if (!pending || pending.state !== callback.state) throw new Error('This sign-in was not started from this tab, so it was not trusted. Sign in again.');
  const request = tokenRequest(auth, { code: callback.code, redirectUri: redirectUriOf(window.location), codeVerifier: pending.codeVerifier });
  let body: unknown;
  try {
    const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: request.body });
    body = await response.json();
  } catch {
    throw new Error('The sign-in service cannot be reached. Check your connection and sign in again.');
  }
  return { session: sessionFromTokenResponse(body, Date.now()), returnHash: pending.returnHash };
}
