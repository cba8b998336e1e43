import { createHash, createPrivateKey, createPublicKey, generateKeyPair, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as z from 'zod';

/* Cognito's part on one machine: it signs ID tokens shaped like Cognito's with
   a key kept under the local data folder, and checks bearer tokens as the API's
   Cognito authorizer does before any handler runs. */

export const LOCAL_ISSUER = 'https://local.lecture-notes.invalid/issuer';
/** The audience of local tokens, as a Cognito app client id is of real ones. */
export const LOCAL_CLIENT_ID = 'lecture-notes-local-client';
export const LOCAL_USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
export const LOCAL_USERNAME_RULE = '1 to 64 letters, digits, ".", "_", "-" or "@"';
export const DEFAULT_TOKEN_SECONDS = 3600;
/** Cognito's longest ID token lifetime. */
const MAX_TOKEN_SECONDS = 86_400;
/** How far the clocks of whoever issued and whoever checks may disagree. */
const CLOCK_SKEW_SECONDS = 60;
/** Far above any real token; a bound on the work an unauthenticated caller can ask for. */
const MAX_TOKEN_LENGTH = 8192;
const KEY_FILE = 'signing-key.pem';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const IdTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  'cognito:username': z.string().min(1),
  iss: z.literal(LOCAL_ISSUER),
  aud: z.literal(LOCAL_CLIENT_ID),
  token_use: z.literal('id'),
  iat: z.number(),
  exp: z.number(),
  nbf: z.number().optional(),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaimsSchema>;

/** What the authorizer hands the handlers as `requestContext.authorizer.claims`. */
export type AuthorizerClaims = Pick<IdTokenClaims, 'sub' | 'cognito:username'>;

export interface LocalIssuer {
  /** An ID token for `username`; throws if the name or lifetime is not one a local user can have. */
  issue(username: string, options?: { expiresInSeconds?: number }): string;
  /** The claims of a token this issuer signed and that is valid now; undefined for anything else. */
  verify(token: unknown): IdTokenClaims | undefined;
  /** The caller of a request carrying `Authorization: Bearer <token>`, or undefined. */
  authenticate(request: IncomingMessage): Promise<AuthorizerClaims | undefined>;
}

/** Where a local runtime keeps its issuer's key, under its data folder. */
export const localIssuerFolder = (dataDir: string) => join(dataDir, 'issuer');

/**
 * Opens the issuer whose key lives in `folder`, making the key on first use,
 * so tokens printed by one process (`npm run token`) work in another
 * (`npm start`) that uses the same folder.
 */
export async function openLocalIssuer(folder: string): Promise<LocalIssuer> {
  const privateKey = await loadOrCreateSigningKey(folder);
  const publicKey = createPublicKey(privateKey);
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');

  const verifyToken = (token: unknown): IdTokenClaims | undefined => {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = decodeJsonObject(headerPart);
    // Only RS256 with this key: `none` and HS256 (keyed with the public key) are the classic forgeries.
    if (!header || header.alg !== 'RS256' || header.kid !== kid || (header.typ !== undefined && header.typ !== 'JWT') || 'crit' in header) return undefined;
    if (!signatureMatches(`${headerPart}.${payloadPart}`, signaturePart, publicKey)) return undefined;
    const claims = IdTokenClaimsSchema.safeParse(decodeJsonObject(payloadPart));
    if (!claims.success) return undefined;
    const now = Date.now() / 1000;
    const { exp, iat, nbf } = claims.data;
    if (now >= exp + CLOCK_SKEW_SECONDS || iat > now + CLOCK_SKEW_SECONDS || (nbf !== undefined && nbf > now + CLOCK_SKEW_SECONDS)) return undefined;
    return claims.data;
  };

  return {
    issue(username, { expiresInSeconds = DEFAULT_TOKEN_SECONDS } = {}) {
      if (!LOCAL_USERNAME_PATTERN.test(username)) throw new Error(`"${username}" is not a local user name: use ${LOCAL_USERNAME_RULE}.`);
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_TOKEN_SECONDS) {
        throw new Error(`A token lives 1 to ${MAX_TOKEN_SECONDS} seconds (Cognito's range), not ${expiresInSeconds}.`);
      }
      const iat = Math.floor(Date.now() / 1000);
      const claims: IdTokenClaims = {
        sub: username,
        'cognito:username': username,
        iss: LOCAL_ISSUER,
        aud: LOCAL_CLIENT_ID,
        token_use: 'id',
        iat,
        exp: iat + expiresInSeconds,
      };
      const signingInput = `${encodeJson({ alg: 'RS256', kid, typ: 'JWT' })}.${encodeJson(claims)}`;
      return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
    },
    verify: verifyToken,
    async authenticate(request) {
      const bearer = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
      const claims = verifyToken(bearer?.[1]);
      return claims && { sub: claims.sub, 'cognito:username': claims['cognito:username'] };
    },
  };
}

async function loadOrCreateSigningKey(folder: string): Promise<KeyObject> {
  const file = join(folder, KEY_FILE);
  const pem = (await readIfExists(file)) ?? (await createSigningKey(folder, file));
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`it holds an ${key.asymmetricKeyType} key, not RSA`);
    return key;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file} is not a usable signing key (${reason}). Delete it to have a new one made; tokens signed with the old one stop working.`);
  }
}

/** Makes the key file and answers with the key that ended up in it. */
async function createSigningKey(folder: string, file: string): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  // Written aside and linked into place, which fails if the file exists: two first runs at
  // once (npm start and npm run token) end up sharing one key and never read half a file.
  const draft = join(folder, `${KEY_FILE}.${randomUUID()}`);
  await writeFile(draft, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return readFile(file, 'utf8');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const encodeJson = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function signatureMatches(signingInput: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(signingInput), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
