import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { formatBytes } from '../../shared/domain/byte-sizes';
import { BINARY_MEDIA_TYPES } from '../../shared/domain/exports/export-formats';
import { API_HEADERS } from '../../lambdas/runtime/api-headers';
import { NO_SUCH_ROUTE, methodNotAllowed } from '../gateway-answers';
import { API_PATH_PATTERN, type ApiRoute } from '../function-registry';
import { readBody, startHttpServer, type RunningServer } from './http-server';

export type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface ApiGatewayStandInOptions {
  /** `open` routes are served with no authorizer, like a method whose authorization type is NONE. */
  routes: readonly { route: ApiRoute; handle: ProxyHandler; open?: boolean }[];
  /** Who the caller is, as the authorizer would vouch; undefined means not signed in. */
  authenticate: (request: IncomingMessage) => Promise<{ sub: string } | undefined>;
  port?: number;
  /** True once the server is stopping: from then on only reads are served. */
  stopping?: () => boolean;
  /** Answers GET and HEAD requests outside the API's paths (the web client, as CloudFront serves it beside the API). */
  serveStatic?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Sent on every answer, as CloudFront's response-headers policy adds them (see infra/security-headers.ts). */
  responseHeaders?: Record<string, string>;
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
}

/** API Gateway's own limit on a request payload. */
const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** A route's path as segments: a literal, or the name of a `{parameter}`. */
type Segment = { literal: string } | { parameter: string };

const segmentsOf = (path: string): Segment[] =>
  path
    .split('/')
    .slice(1)
    .map((part) => {
      const parameter = /^\{(\w+)\}$/.exec(part)?.[1];
      return parameter ? { parameter } : { literal: part };
    });

/** The route's path parameters when its segments match the request's (already split and decoded). */
function matchSegments(route: Segment[], request: string[]): Record<string, string> | undefined {
  if (route.length !== request.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.entries()) {
    const value = request[index]!;
    if ('literal' in segment) {
      if (value !== segment.literal) return undefined;
    } else {
      if (value === '') return undefined;
      parameters[segment.parameter] = value;
    }
  }
  return parameters;
}

/**
 * As API Gateway decides for a Lambda proxy answer: a base64 body goes out as bytes when the
 * request's first Accept type is one of the API's binaryMediaTypes, else as the base64 text it is.
 */
function acceptsBinary(accept: string | undefined): boolean {
  const first = accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first !== undefined && BINARY_MEDIA_TYPES.includes(first);
}

function send(response: ServerResponse, result: APIGatewayProxyResult, binaryAccepted = false) {
  const body = Buffer.from(result.body, result.isBase64Encoded && binaryAccepted ? 'base64' : 'utf8');
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]));
  response.writeHead(result.statusCode, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/** API Gateway's own answers (gateway responses), in the API's {error, message} shape. */
const gatewayError = (statusCode: number, error: string, message: string, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...API_HEADERS, ...headers },
  body: JSON.stringify({ error, message }),
});

/** Where CloudFront sends a request to the API rather than to the web client. */
const servedByApi = (path: string) => path.startsWith(API_PATH_PATTERN.replace(/\*$/, ''));

/**
 * Stands in for API Gateway's REST API in front of the same Lambda handlers:
 * it matches the routes, authenticates the caller, and hands each handler the
 * proxy event API Gateway would build.
 */
export async function startApiGatewayStandIn(options: ApiGatewayStandInOptions): Promise<RunningServer> {
  const routes = options.routes.map((entry) => ({ ...entry, segments: segmentsOf(entry.route.path) }));
  const { requestTimeoutMs, headersTimeoutMs, responseHeaders = {} } = options;
  const errorHeaders = { ...API_HEADERS, ...responseHeaders };
  return startHttpServer(options.port ?? 0, async (request, response) => {
    // Every answer, the page's and the API's, carries the headers CloudFront adds to both.
    for (const [name, value] of Object.entries(responseHeaders)) response.setHeader(name, value);
    // A job created, retried or deleted now would be cut off by the stop; reads go on, so clients can follow the drain.
    if (options.stopping?.() && request.method !== 'GET' && request.method !== 'HEAD') {
      return send(
        response,
        gatewayError(503, 'ServerStopping', 'The local server is stopping and takes no new work: try again once it has started again.', { 'retry-after': '10' }),
      );
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    // As API Gateway routes: the raw path is split on "/" first and each segment decoded after, so an
    // encoded "/" (%2F) stays inside its segment (a job id), never making a route of its own.
    let segments: string[];
    try {
      segments = path.split('/').slice(1).map((segment) => decodeURIComponent(segment));
    } catch {
      // A broken %-escape is the client's mistake, as API Gateway answers it.
      return send(response, gatewayError(400, 'InvalidRequest', 'The path has a malformed %-escape.'));
    }
    const matches = routes.flatMap((entry) => {
      const pathParameters = matchSegments(entry.segments, segments);
      return pathParameters ? [{ ...entry, pathParameters }] : [];
    });
    const match = matches.find((entry) => entry.route.method === request.method);
    if (!match) {
      if (matches.length > 0) {
        const allowed = [...new Set(matches.map((entry) => entry.route.method))].join(', ');
        const { error, message } = methodNotAllowed(request.method ?? '', allowed);
        return send(response, gatewayError(405, error, message, { allow: allowed }));
      }
      if (options.serveStatic && !servedByApi(path) && (request.method === 'GET' || request.method === 'HEAD')) return options.serveStatic(request, response);
      return send(response, gatewayError(404, NO_SUCH_ROUTE.error, NO_SUCH_ROUTE.message));
    }
    const caller = match.open ? undefined : await options.authenticate(request);
    if (!caller && !match.open) return send(response, gatewayError(401, 'Unauthorized', 'Sign in to use the API: send a valid bearer token.'));
    const body = await readBody(request, PAYLOAD_LIMIT_BYTES);
    // The rest of an oversized body is not read: the connection closes after the answer.
    if (!body) return send(response, gatewayError(413, 'PayloadTooLarge', `The request body is over ${formatBytes(PAYLOAD_LIMIT_BYTES)}.`, { connection: 'close' }));

    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]));
    const query = Object.fromEntries(url.searchParams);
    const requestId = randomUUID();
    const event: APIGatewayProxyEvent = {
      resource: match.route.path,
      path,
      httpMethod: match.route.method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters: match.pathParameters,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: caller && { claims: caller },
        protocol: 'HTTP/1.1',
        httpMethod: match.route.method,
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
        path,
        stage: 'local',
        requestId,
        requestTimeEpoch: Date.now(),
        resourceId: match.route.path,
        resourcePath: match.route.path,
      },
    };
    send(response, await match.handle(event), acceptsBinary(headers.accept));
  }, { requestTimeoutMs, headersTimeoutMs, errorHeaders });
}
