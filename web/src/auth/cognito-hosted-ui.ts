import * as z from 'zod';
import type { WebConfig } from '../../../shared/contracts/web-config';
import { sessionFor, type Session } from './session';

/* The pure half of Cognito's hosted sign-in (OAuth 2.0 authorization code flow with PKCE): the
   addresses, the token request and the reading of the answers. */

export type CognitoAuth = Extract<WebConfig['auth'], { mode: 'cognito' }>;

/** The app client must allow these scopes. */
export const SIGN_IN_SCOPES = 'openid email profile';

const endpoint = (auth: CognitoAuth, path: string) => `${auth.domain.replace(/\/+$/, '')}${path}`;

/** Where Cognito sends the browser back: this page, without its query or hash (it must be registered on the app client as is). */
export const redirectUriOf = (location: Pick<Location, 'origin' | 'pathname'>) => `${location.origin}${location.pathname}`;

export function authorizeUrl(auth: CognitoAuth, request: { redirectUri: string; state: string; codeChallenge: string }): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: request.redirectUri,
    scope: SIGN_IN_SCOPES,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(auth, '/oauth2/authorize')}?${query}`;
}

export function tokenRequest(auth: CognitoAuth, grant: { code: string; redirectUri: string; codeVerifier: string }) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: auth.clientId,
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
  });
  return { url: endpoint(auth, '/oauth2/token'), body };
}

export const logoutUrl = (auth: CognitoAuth, logoutUri: string) =>
  `${endpoint(auth, '/logout')}?${new URLSearchParams({ client_id: auth.clientId, logout_uri: logoutUri })}`;

export type AuthorizationCallback = { code: string; state: string } | { error: string; description: string };

/** What Cognito put in the query when it sent the browser back; undefined on an ordinary visit. */
export function readAuthorizationCallback(search: string): AuthorizationCallback | undefined {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  if (error) return { error, description: query.get('error_description') ?? '' };
  const code = query.get('code');
  const state = query.get('state');
  return code && state ? { code, state } : undefined;
}

const TokenResponseSchema = z.object({ id_token: z.string().min(1), expires_in: z.number().positive() });
const TokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** The session from `/oauth2/token`'s answer, or an error saying what Cognito refused. */
export function sessionFromTokenResponse(body: unknown, nowMs: number): Session {
  const tokens = TokenResponseSchema.safeParse(body);
  if (tokens.success) return sessionFor(tokens.data.id_token, tokens.data.expires_in, nowMs);
  const refusal = TokenErrorSchema.safeParse(body);
  throw new Error(
    refusal.success
      ? `Sign-in was refused (${refusal.data.error}${refusal.data.error_description ? `: ${refusal.data.error_description}` : ''}). Sign in again.`
      : 'Sign-in answered without an ID token. Sign in again.',
  );
}
