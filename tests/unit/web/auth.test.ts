import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  logoutUrl,
  readAuthorizationCallback,
  redirectUriOf,
  sessionFromTokenResponse,
  tokenRequest,
  type CognitoAuth,
} from '../../../web/src/auth/cognito-hosted-ui';
import { base64Url, codeChallengeFor, createCodeVerifier } from '../../../web/src/auth/pkce';
import { displayNameIn, EXPIRY_MARGIN_MS, sessionIsUsable, sessionStore, type Session } from '../../../web/src/auth/session';

const auth: CognitoAuth = {
  mode: 'cognito',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_abc',
  clientId: 'client123',
  domain: 'https://lecture-notes-dev.auth.eu-west-1.amazoncognito.com/',
};

const encodePart = (value: object) => base64Url(new TextEncoder().encode(JSON.stringify(value)));
const idTokenWith = (claims: object) => `${encodePart({ alg: 'RS256' })}.${encodePart(claims)}.signature`;

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters from 32 random bytes', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createCodeVerifier()).not.toBe(verifier);
    expect(createCodeVerifier((bytes) => bytes.fill(255))).toBe('_'.repeat(42) + '8');
  });
});

describe("Cognito's hosted sign-in", () => {
  it('sends the browser to /oauth2/authorize with the code flow, the challenge and the state', () => {
    const url = new URL(authorizeUrl(auth, { redirectUri: 'https://notes.example.com/', state: 'st4te', codeChallenge: 'ch4llenge' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://lecture-notes-dev.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://notes.example.com/',
      scope: 'openid email profile',
      state: 'st4te',
      code_challenge: 'ch4llenge',
      code_challenge_method: 'S256',
    });
  });

  it('trades the code at /oauth2/token with the verifier and the same redirect URI', () => {
    const request = tokenRequest(auth, { code: 'c0de', redirectUri: 'https://notes.example.com/', codeVerifier: 'v3rifier' });
    expect(request.url).toBe('https://lecture-notes-dev.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(Object.fromEntries(request.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'c0de',
      redirect_uri: 'https://notes.example.com/',
      code_verifier: 'v3rifier',
    });
  });

  it('redirects back to the page itself, without query or hash', () => {
    expect(redirectUriOf({ origin: 'https://notes.example.com', pathname: '/' })).toBe('https://notes.example.com/');
    expect(new URL(logoutUrl(auth, 'https://notes.example.com/')).searchParams.get('logout_uri')).toBe('https://notes.example.com/');
  });

  it('reads the code and state Cognito sends back, or its error', () => {
    expect(readAuthorizationCallback('?code=abc&state=xyz')).toEqual({ code: 'abc', state: 'xyz' });
    expect(readAuthorizationCallback('?error=access_denied&error_description=User+cancelled')).toEqual({ error: 'access_denied', description: 'User cancelled' });
    expect(readAuthorizationCallback('')).toBeUndefined();
    expect(readAuthorizationCallback('?code=abc')).toBeUndefined();
  });

  it('keeps the ID token with its expiry and the name it carries', () => {
    const idToken = idTokenWith({ sub: 'u-1', email: 'ada@example.com', 'cognito:username': 'ada' });
    const session = sessionFromTokenResponse({ id_token: idToken, access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'Bearer' }, 1_000);
    expect(session).toEqual({ idToken, expiresAtMs: 3_601_000, displayName: 'ada@example.com' });
  });

  it("says what Cognito refused when the answer has no token", () => {
    expect(() => sessionFromTokenResponse({ error: 'invalid_grant', error_description: 'Invalid code' }, 0)).toThrow('Sign-in was refused (invalid_grant: Invalid code). Sign in again.');
    expect(() => sessionFromTokenResponse({ access_token: 'only' }, 0)).toThrow(/without an ID token/);
  });
});

describe('the session', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key), items };
  };
  const session: Session = { idToken: idTokenWith({ 'cognito:username': 'ada' }), expiresAtMs: 100_000, displayName: 'ada' };

  it('is kept across page loads until shortly before the token expires', () => {
    const storage = memory();
    const store = sessionStore(storage);
    store.save(session);
    expect(store.load(50_000)).toEqual(session);
    expect(store.load(100_000 - EXPIRY_MARGIN_MS)).toBeUndefined();
    expect(sessionIsUsable(session, 100_000 - EXPIRY_MARGIN_MS - 1)).toBe(true);
    store.clear();
    expect(store.load(0)).toBeUndefined();
  });

  it('counts an unreadable entry as signed out', () => {
    const storage = memory();
    storage.setItem('lecture-notes.session', '{not json');
    expect(sessionStore(storage).load(0)).toBeUndefined();
    storage.setItem('lecture-notes.session', JSON.stringify({ idToken: 'x' }));
    expect(sessionStore(storage).load(0)).toBeUndefined();
  });

  it('reads the name from the token, non-ASCII included, and nothing from a token it cannot read', () => {
    expect(displayNameIn(idTokenWith({ 'cognito:username': 'zoë' }))).toBe('zoë');
    expect(displayNameIn(idTokenWith({ name: 'Ada Lovelace', 'cognito:username': 'ada' }))).toBe('Ada Lovelace');
    expect(displayNameIn('not-a-token')).toBe('');
  });
});
