import type { WebConfig } from '../../../shared/contracts/web-config';
import { readAuthorizationCallback } from './cognito-hosted-ui';
import { completeCognitoSignIn } from './cognito-sign-in';
import type { Session } from './session';

/** After Cognito sends the browser back: trade the code for a session, then put the address back to the page the user was on. */
export async function finishCognitoRedirect(config: WebConfig): Promise<Session | undefined> {
  const callback = config.auth.mode === 'cognito' ? readAuthorizationCallback(window.location.search) : undefined;
  if (config.auth.mode !== 'cognito' || !callback) return undefined;
  // The code is single-use: out of the address bar before anything can bookmark or share it.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const { session, returnHash } = await completeCognitoSignIn(config.auth, callback);
  window.history.replaceState(null, '', `${window.location.pathname}${returnHash}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  return session;
}
