import { createHmac, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, openLocalIssuer, type LocalIssuer } from '../../../infra/local/local-issuer';

const KEY_FILE = 'signing-key.pem';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT built by hand, independently of the issuer, so each test can vary one thing. */
function handMade(header: object, claims: object, key: KeyObject): string {
  const signingInput = `${encode(header)}.${encode(claims)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

describe('the local token issuer', () => {
  let root: string;
  let folder: string;
  let issuer: LocalIssuer;
  let privateKey: KeyObject;
  let kid: string;

  const goodHeader = () => ({ alg: 'RS256', kid, typ: 'JWT' });
  const goodClaims = () => {
    const iat = nowSeconds();
    return { sub: 'alice', 'cognito:username': 'alice', iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID, token_use: 'id', iat, exp: iat + 3600 };
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-issuer-'));
    folder = join(root, 'data', 'issuer');
    issuer = await openLocalIssuer(folder);
    privateKey = createPrivateKey(await readFile(join(folder, KEY_FILE), 'utf8'));
    kid = String(decode(issuer.issue('alice').split('.')[0]).kid);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('issues Cognito-shaped ID tokens that it verifies', () => {
    const token = issuer.issue('alice', { expiresInSeconds: 120 });
    const [header, payload] = token.split('.');
    expect(decode(header)).toEqual({ alg: 'RS256', kid, typ: 'JWT' });
    const claims = issuer.verify(token);
    expect(claims).toEqual(decode(payload));
    expect(claims).toMatchObject({ sub: 'alice', 'cognito:username': 'alice', iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID, token_use: 'id' });
    expect(claims!.exp - claims!.iat).toBe(120);
    expect(Math.abs(claims!.iat - nowSeconds())).toBeLessThanOrEqual(1);
    expect(issuer.verify(handMade(goodHeader(), goodClaims(), privateKey))?.sub).toBe('alice');
  });

  it('tolerates a minute of clock skew on expiry, no more', () => {
    const claims = goodClaims();
    expect(issuer.verify(handMade(goodHeader(), { ...claims, exp: nowSeconds() - 30 }, privateKey))).toBeDefined();
    expect(issuer.verify(handMade(goodHeader(), { ...claims, exp: nowSeconds() - 90 }, privateKey))).toBeUndefined();
    expect(issuer.verify(handMade(goodHeader(), { ...claims, iat: nowSeconds() + 30 }, privateKey))).toBeDefined();
  });

  const claimForgeries: [string, (claims: ReturnType<typeof goodClaims>) => object][] = [
    ['expired', (claims) => ({ ...claims, iat: claims.iat - 7200, exp: claims.iat - 3600 })],
    ['issued in the future', (claims) => ({ ...claims, iat: claims.iat + 600, exp: claims.exp + 600 })],
    ['not valid before a future time', (claims) => ({ ...claims, nbf: claims.iat + 600 })],
    ['from another issuer', (claims) => ({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' })],
    ['for another audience', (claims) => ({ ...claims, aud: 'another-client' })],
    ['with the audience in a list', (claims) => ({ ...claims, aud: [LOCAL_CLIENT_ID] })],
    ['an access token', (claims) => ({ ...claims, token_use: 'access' })],
    ['with an empty subject', (claims) => ({ ...claims, sub: '' })],
    ['with no subject', ({ sub: _sub, ...claims }) => claims],
    ['with no expiry', ({ exp: _exp, ...claims }) => claims],
    ['with an expiry that is not a number', (claims) => ({ ...claims, exp: String(claims.exp) })],
  ];
  it.each(claimForgeries)('rejects a correctly signed token %s', (_, change) => {
    expect(issuer.verify(handMade(goodHeader(), change(goodClaims()), privateKey))).toBeUndefined();
  });

  it('rejects a token whose payload or signature was altered', () => {
    const [header, , signature] = issuer.issue('alice').split('.') as [string, string, string];
    expect(issuer.verify(`${header}.${encode({ ...goodClaims(), sub: 'mallory', 'cognito:username': 'mallory' })}.${signature}`)).toBeUndefined();
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(issuer.verify(`${header}.${encode(goodClaims())}.${flipped}`)).toBeUndefined();
  });

  it('rejects every algorithm but RS256, including the HS256 keyed with the public key', async () => {
    const payload = encode(goodClaims());
    expect(issuer.verify(`${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toBeUndefined();
    const realSignature = issuer.issue('alice').split('.')[2];
    expect(issuer.verify(`${encode({ alg: 'none', kid, typ: 'JWT' })}.${payload}.${realSignature}`)).toBeUndefined();

    const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    const hsInput = `${encode({ alg: 'HS256', kid, typ: 'JWT' })}.${payload}`;
    expect(issuer.verify(`${hsInput}.${createHmac('sha256', publicPem).update(hsInput).digest('base64url')}`)).toBeUndefined();
    expect(issuer.verify(handMade({ alg: 'RS512', kid, typ: 'JWT' }, goodClaims(), privateKey))).toBeUndefined();
    expect(issuer.verify(handMade({ alg: 'RS256', typ: 'JWT' }, goodClaims(), privateKey))).toBeUndefined();
    expect(issuer.verify(handMade({ alg: 'RS256', kid: 'another-key', typ: 'JWT' }, goodClaims(), privateKey))).toBeUndefined();
  });

  it('rejects tokens signed with another key', async () => {
    const stranger = await openLocalIssuer(join(root, 'stranger'));
    expect(stranger.verify(stranger.issue('alice'))).toBeDefined();
    expect(issuer.verify(stranger.issue('alice'))).toBeUndefined();
    const strangerKey = createPrivateKey(await readFile(join(root, 'stranger', KEY_FILE), 'utf8'));
    expect(issuer.verify(handMade(goodHeader(), goodClaims(), strangerKey))).toBeUndefined();
  });

  it('answers undefined, never throws, for anything that is not a token', () => {
    const [, payload, signature] = issuer.issue('alice').split('.');
    const junk: unknown[] = [
      undefined,
      null,
      42,
      '',
      'not-a-token',
      'a.b.c',
      'a.b.c.d',
      `${payload}.${signature}`,
      `.${payload}.${signature}`,
      `${encode('RS256')}.${payload}.${signature}`,
      `${Buffer.from('{not json').toString('base64url')}.${payload}.${signature}`,
      `${encode(goodHeader())}.${payload}.${signature}!`,
      `${encode(goodHeader())}.${payload}.${'A'.repeat(20_000)}`,
    ];
    for (const token of junk) expect(issuer.verify(token)).toBeUndefined();
  });

  it('keeps its key in the folder, readable by the owner only, for the next process to use', async () => {
    const reopened = await openLocalIssuer(folder);
    expect(reopened.verify(issuer.issue('alice'))?.sub).toBe('alice');
    expect(issuer.verify(reopened.issue('bob'))?.sub).toBe('bob');
    expect((await stat(join(folder, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o077).toBe(0);
  });

  it('settles on one key when two first openings race', async () => {
    const fresh = join(root, 'race');
    const [first, second] = await Promise.all([openLocalIssuer(fresh), openLocalIssuer(fresh)]);
    expect(second.verify(first.issue('alice'))).toBeDefined();
    expect(first.verify(second.issue('bob'))).toBeDefined();
    expect(await readdir(fresh)).toEqual([KEY_FILE]);
  });

  it('refuses to issue for names a local user cannot have, or lifetimes Cognito does not allow', () => {
    for (const name of ['', 'two words', '../etc/passwd', 'x'.repeat(65), 'naïve']) expect(() => issuer.issue(name)).toThrow(/not a local user name/);
    expect(issuer.verify(issuer.issue('a.b_c-d@example.org'))?.sub).toBe('a.b_c-d@example.org');
    for (const seconds of [0, -5, 1.5, 86_401, Number.NaN]) expect(() => issuer.issue('alice', { expiresInSeconds: seconds })).toThrow(/1 to 86400 seconds/);
  });

  it('authenticates a request by its bearer token, giving the claims the authorizer passes on', async () => {
    const requestWith = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;
    const token = issuer.issue('alice');
    expect(await issuer.authenticate(requestWith(`Bearer ${token}`))).toEqual({ sub: 'alice', 'cognito:username': 'alice' });
    expect(await issuer.authenticate(requestWith(`bearer ${token}`))).toEqual({ sub: 'alice', 'cognito:username': 'alice' });
    expect(await issuer.authenticate(requestWith())).toBeUndefined();
    expect(await issuer.authenticate(requestWith(token))).toBeUndefined();
    expect(await issuer.authenticate(requestWith(`Basic ${token}`))).toBeUndefined();
    expect(await issuer.authenticate(requestWith('Bearer '))).toBeUndefined();
    expect(await issuer.authenticate(requestWith(`Bearer ${token}x`))).toBeUndefined();
  });
});
