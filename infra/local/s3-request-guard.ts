import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { SignatureV4 } from '@smithy/signature-v4';
import { S3rverError, type KoaContext, type KoaMiddleware } from './s3rver';

/*
 * What S3 enforces and s3rver does not: s3rver checks a signature's key id and
 * expiry but never the signature, ignores a POST form's policy, and serves
 * anonymous requests. Without this guard the local runtime accepts uploads S3
 * refuses (another job's key, an expired or retyped form) and lets any page on
 * the machine read or overwrite every object.
 */

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 's3';

const accessDenied = (message = 'Access Denied') => new S3rverError('AccessDenied', message);
const policyViolation = (reason: string) => accessDenied(`Invalid according to Policy: ${reason}`);

const hmac = (key: Uint8Array | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4's signing key: the secret chained through the date, region and service of the credential's scope. */
function signingKey(secretAccessKey: string, date: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), SERVICE), 'aws4_request');
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `AKID/20261201/us-east-1/s3/aws4_request`, checked against the one key the stand-in knows. */
function credentialScope(credential: string | undefined, credentials: Credentials): { date: string; region: string } {
  const [accessKeyId, date, region, service, terminator, ...rest] = (credential ?? '').split('/');
  if (!accessKeyId || !date || !region || service !== SERVICE || terminator !== 'aws4_request' || rest.length > 0) {
    throw new S3rverError('AuthorizationQueryParametersError', `The credential ${credential ?? '(none)'} is not of the form <key id>/<yyyymmdd>/<region>/s3/aws4_request.`);
  }
  if (accessKeyId !== credentials.accessKeyId) {
    throw new S3rverError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
  }
  return { date, region };
}

/** `20261201T203000Z`, as SigV4 writes dates. */
function amzDate(value: string | undefined): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) throw accessDenied(`The request date ${value ?? '(none)'} is not in SigV4's yyyyMMddTHHmmssZ form.`);
  const [, year, month, day, hours, minutes, seconds] = match.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day!, hours!, minutes!, seconds!));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Condition = Record<string, unknown> | unknown[];

/**
 * A browser's POST upload, checked as S3 checks it: the policy signed with the
 * key's secret (SigV4), not expired, every condition met, and no field the policy
 * does not name.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
async function checkPostForm(context: KoaContext, bucket: string, credentials: Credentials, now: Date): Promise<void> {
  // The form is read whole to be checked, then handed on to s3rver unchanged. Local uploads are lecture-sized.
  const body = await readAll(context.req);
  context.req = Readable.from([body]);
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': context.get('content-type') } }).formData();

  // S3 ignores fields after the file; their names are case-insensitive.
  const fields = new Map<string, string>();
  let file: Blob | undefined;
  for (const [name, value] of form) {
    if (name === 'file') {
      file = value as Blob;
      break;
    }
    if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }

  const policyText = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  // The bucket is private: a form with no signed policy is an anonymous write.
  if (!policyText || !signature) throw accessDenied();
  if (fields.get('x-amz-algorithm') !== ALGORITHM) {
    throw new S3rverError('InvalidArgument', `The form's x-amz-algorithm must be ${ALGORITHM}.`, { ArgumentName: 'x-amz-algorithm' });
  }
  const { date, region } = credentialScope(fields.get('x-amz-credential'), credentials);
  if (amzDate(fields.get('x-amz-date')).toISOString().slice(0, 10).replaceAll('-', '') !== date) {
    throw accessDenied('The x-amz-date of the form is not the date of its credential.');
  }
  const expected = createHmac('sha256', signingKey(credentials.secretAccessKey, date, region)).update(policyText, 'utf8').digest('hex');
  if (!sameText(expected, signature.toLowerCase())) {
    throw new S3rverError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }

  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8')) as typeof policy;
  } catch {
    throw new S3rverError('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : Number.NaN;
  if (Number.isNaN(expiration)) throw new S3rverError('InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  if (expiration <= now.getTime()) throw policyViolation('Policy expired.');
  if (!Array.isArray(policy.conditions)) throw new S3rverError('InvalidPolicyDocument', 'Invalid Policy: Policy missing conditions.');

  const valueOf = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
  const named = new Set<string>();
  for (const condition of policy.conditions as Condition[]) {
    const failed = () => policyViolation(`Policy Condition failed: ${JSON.stringify(condition)}`);
    if (Array.isArray(condition)) {
      const [operator, subject, expectedValue] = condition;
      if (operator === 'content-length-range') {
        const [min, max] = [Number(subject), Number(expectedValue)];
        const size = file?.size ?? 0;
        if (size < min) throw new S3rverError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: size, MinSizeAllowed: min });
        if (size > max) throw new S3rverError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: size, MaxSizeAllowed: max });
        continue;
      }
      if (typeof subject !== 'string' || !subject.startsWith('$') || typeof expectedValue !== 'string') {
        throw new S3rverError('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`);
      }
      const name = subject.slice(1).toLowerCase();
      named.add(name);
      const actual = valueOf(name);
      if (operator === 'eq' && actual !== expectedValue) throw failed();
      if (operator === 'starts-with' && !actual?.startsWith(expectedValue)) throw failed();
      if (operator !== 'eq' && operator !== 'starts-with') {
        throw new S3rverError('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`);
      }
    } else {
      for (const [name, expectedValue] of Object.entries(condition)) {
        named.add(name.toLowerCase());
        if (valueOf(name.toLowerCase()) !== expectedValue) throw failed();
      }
    }
  }
  const extra = [...fields.keys()].filter((name) => name !== 'policy' && name !== 'x-amz-signature' && !name.startsWith('x-ignore-') && !named.has(name));
  if (extra.length > 0) throw policyViolation(`Extra input fields: ${extra.join(', ')}`);
}

/** SHA-256 for the SDK's signer, from node:crypto. */
class NodeSha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBufferView | ArrayBuffer): void {
    this.#hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

const signers = new Map<string, SignatureV4>();
/** One signer per key and region: it keeps the day's signing key, which every request would otherwise derive again. */
function signerFor(credentials: Credentials, region: string): SignatureV4 {
  const id = `${credentials.accessKeyId}/${region}`;
  let signer = signers.get(id);
  if (!signer) {
    signer = new SignatureV4({ credentials, region, service: SERVICE, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
    signers.set(id, signer);
  }
  return signer;
}

/**
 * Any other request must be signed with the stand-in's key: the signature is
 * computed again with the SDK's own signer over what was received (method, raw
 * path, query, the headers it names) and must match. Expiry and clock skew are
 * s3rver's checks already. The payload hash is taken as declared.
 */
async function checkSignedRequest(context: KoaContext, credentials: Credentials): Promise<void> {
  const [rawPath = '/', rawQuery = ''] = context.url.split(/\?(.*)/s);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const presigned = query['X-Amz-Algorithm'] !== undefined;
  const authorization = context.get('authorization');
  if (!presigned && !authorization) throw accessDenied();

  let credential: string | undefined;
  let signedHeaderNames: string[];
  let provided: string | undefined;
  let date: Date;
  if (presigned) {
    if (query['X-Amz-Algorithm'] !== ALGORITHM) throw new S3rverError('AuthorizationQueryParametersError', `X-Amz-Algorithm only supports "${ALGORITHM}"`);
    credential = String(query['X-Amz-Credential'] ?? '');
    signedHeaderNames = String(query['X-Amz-SignedHeaders'] ?? '').split(';');
    provided = String(query['X-Amz-Signature'] ?? '');
    date = amzDate(String(query['X-Amz-Date'] ?? ''));
  } else {
    const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(authorization);
    if (!match) throw new S3rverError('AuthorizationHeaderMalformed', `The authorization header is not a ${ALGORITHM} one with Credential, SignedHeaders and Signature.`);
    [, credential, , provided] = match;
    signedHeaderNames = match[2]!.split(';');
    date = amzDate(context.get('x-amz-date'));
  }
  const { region } = credentialScope(credential, credentials);
  const headers = Object.fromEntries(signedHeaderNames.map((name) => [name, context.get(name)]));
  const signer = signerFor(credentials, region);
  const request = { method: context.method, protocol: 'http:', hostname: '', path: rawPath, query, headers };
  const signableHeaders = new Set(signedHeaderNames);

  let expected: string | undefined;
  if (presigned) {
    const { 'X-Amz-Signature': _signature, ...signedQuery } = query;
    const resigned = await signer.presign(
      // S3 presigned URLs sign no payload; the signer reads that from this header, which stays out of the query.
      { ...request, query: signedQuery, headers: { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
      {
        signingDate: date,
        expiresIn: Number(query['X-Amz-Expires']),
        signableHeaders,
        unsignableHeaders: new Set(['x-amz-content-sha256']),
        unhoistableHeaders: new Set(['x-amz-content-sha256']),
      },
    );
    expected = resigned.query?.['X-Amz-Signature']?.toString();
  } else {
    const resigned = await signer.sign(request, { signingDate: date, signableHeaders });
    expected = /Signature=([0-9a-f]+)/.exec(String(resigned.headers.authorization))?.[1];
  }
  if (!expected || !provided || !sameText(expected, provided)) {
    throw new S3rverError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}

/** `/bucket` alone, the target of a POST form (a path-style endpoint, as the local runtime uses). */
const bucketOfFormPost = (context: KoaContext): string | undefined => {
  const [path = '', query = ''] = context.url.split(/\?(.*)/s);
  const match = /^\/([^/]+)\/?$/.exec(path);
  return context.method === 'POST' && match && query === '' && /^multipart\/form-data\b/i.test(context.get('content-type')) ? decodeURIComponent(match[1]!) : undefined;
};

/**
 * S3 answers a refusal with the CORS headers of the rule the page's origin
 * matches, so the page can read why (an expired form, say) instead of seeing a
 * network error. s3rver would add them only further down its own stack.
 */
async function letThePageReadTheRefusal(context: KoaContext): Promise<void> {
  const origin = context.get('origin');
  const bucket = /^\/([^/?]+)/.exec(context.url)?.[1];
  if (!origin || !bucket) return;
  const rules = await context.store.getSubresource(decodeURIComponent(bucket), undefined, 'cors');
  if (!rules?.matchRule(origin, context.method)) return;
  context.set('Access-Control-Allow-Origin', origin);
  context.set('Access-Control-Allow-Credentials', 'true');
  context.set('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
}

/** A Koa middleware to run before all of s3rver's own. */
export function s3RequestGuard({ credentials }: { credentials: Credentials }): KoaMiddleware {
  return async (context, next) => {
    // A CORS preflight carries no credentials; s3rver answers it from the bucket's CORS rules.
    if (context.method === 'OPTIONS') return next();
    try {
      const formBucket = bucketOfFormPost(context);
      if (formBucket !== undefined) await checkPostForm(context, formBucket, credentials, new Date());
      else await checkSignedRequest(context, credentials);
    } catch (refusal) {
      await letThePageReadTheRefusal(context);
      throw refusal;
    }
    return next();
  };
}
