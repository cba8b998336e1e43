import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { API_HEADERS } from './api-headers';
import { logger } from './powertools';

/** An answer to a bad request: its status, a stable code and a sentence for the person. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const jsonResponse = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...API_HEADERS },
  body: JSON.stringify(body),
});

export const textResponse = (statusCode: number, contentType: string, body: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': contentType, ...API_HEADERS },
  body,
});

/**
 * A file to save (Content-Disposition: attachment): text as it is; bytes base64-encoded, which
 * API Gateway decodes for a client whose first Accept type is in the API's binaryMediaTypes.
 */
export const attachmentResponse = (contentType: string, body: string | Uint8Array, disposition: string): APIGatewayProxyResult => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'content-disposition': disposition, ...API_HEADERS },
  ...(typeof body === 'string' ? { body } : { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }),
});

export const emptyResponse = (statusCode: number): APIGatewayProxyResult => ({ statusCode, headers: { ...API_HEADERS }, body: '' });

const errorResponse = (error: HttpError) => jsonResponse(error.statusCode, { error: error.code, message: error.message });

/** Maps every outcome of a route to an HTTP answer: bad input is a 4xx, never a 500. */
export function httpHandler(route: string, handle: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      return await handle(event);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      const requestId = event.requestContext?.requestId ?? 'unknown';
      logger.error('Request failed', { route, requestId, error });
      return errorResponse(
        new HttpError(500, 'InternalError', `Something went wrong on our side. Try again; if it keeps failing, report request ${requestId}.`),
      );
    }
  };
}

export function readJsonBody<Schema extends z.ZodType>(event: APIGatewayProxyEvent, schema: Schema): z.infer<Schema> {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let body: unknown;
  try {
    body = JSON.parse(raw ?? '');
  } catch {
    throw new HttpError(400, 'InvalidJson', 'The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'InvalidRequest', `The request body is not valid: ${describeIssues(parsed.error, 'body')}.`);
  }
  return parsed.data;
}

/** The signed-in user, as the API's authorizer vouched for them. */
export function callerOf(event: APIGatewayProxyEvent): string {
  const subject: unknown = event.requestContext?.authorizer?.claims?.sub;
  if (typeof subject !== 'string' || subject === '') {
    throw new HttpError(401, 'Unauthorized', 'Sign in to use the API.');
  }
  return subject;
}

export function pathParameter(event: APIGatewayProxyEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new HttpError(400, 'InvalidRequest', `The path has no ${name}.`);
  return value;
}

export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
  return entry?.[1] ?? undefined;
}

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').flatMap((entry) => {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const q = parameters.find((parameter) => /^q\s*=/.test(parameter))?.replace(/^q\s*=\s*/, '');
    const quality = q === undefined ? 1 : Number(q);
    // A q-value that is not a number in 0–1 makes the range meaningless: it is ignored, not guessed at.
    return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? [{ type, subtype, quality }] : [];
  });
}

/**
 * Content negotiation (RFC 9110 §12.5.1): the offered type the Accept header rates highest, each
 * type rated by the most specific range that matches it (`text/markdown` over `text/*` over `*\/*`),
 * ties going to the order of `offered`. No header means anything; undefined when nothing offered is
 * acceptable (every match has q=0, or nothing matches).
 */
export function negotiate<Offered extends string>(accept: string | undefined, offered: readonly Offered[]): Offered | undefined {
  if (!accept?.trim()) return offered[0];
  const ranges = mediaRanges(accept);
  let best: { type: Offered; quality: number } | undefined;
  for (const candidate of offered) {
    const [type, subtype] = candidate.toLowerCase().split('/');
    const specificity = (range: MediaRange) =>
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    const match = ranges
      .filter((range) => specificity(range) >= 0)
      .sort((a, b) => specificity(b) - specificity(a))[0];
    if (match && match.quality > 0 && (!best || match.quality > best.quality)) best = { type: candidate, quality: match.quality };
  }
  return best?.type;
}
