import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
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

const NO_STORE = { 'cache-control': 'no-store' };

export const jsonResponse = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE },
  body: JSON.stringify(body),
});

export const textResponse = (statusCode: number, contentType: string, body: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': contentType, ...NO_STORE },
  body,
});

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
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new HttpError(400, 'InvalidRequest', `The request body is not valid: ${problems}.`);
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
