import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ApiRoute } from '../handler-map';
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
  /** Answers GET and HEAD requests that match no route (the web client, as CloudFront serves it beside the API). */
  serveStatic?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

/** API Gateway's own limit on a request payload. */
const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

const routePattern = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => `(?<${name}>[^/]+)`)}$`);

function send(response: ServerResponse, result: APIGatewayProxyResult) {
  response.writeHead(result.statusCode, Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)])));
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

const gatewayError = (statusCode: number, message: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: statusCode === 401 ? 'Unauthorized' : 'NotFound', message }),
});

/**
 * Stands in for API Gateway's REST API in front of the same Lambda handlers:
 * it matches the routes, authenticates the caller, and hands each handler the
 * proxy event API Gateway would build.
 */
export async function startApiGatewayStandIn(options: ApiGatewayStandInOptions): Promise<RunningServer> {
  const routes = options.routes.map((entry) => ({ ...entry, pattern: routePattern(entry.route.path) }));
  return startHttpServer(options.port ?? 0, async (request, response) => {
    // A job created, retried or deleted now would be cut off by the stop; reads go on, so clients can follow the drain.
    if (options.stopping?.() && request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, {
        statusCode: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '10' },
        body: JSON.stringify({ error: 'ServerStopping', message: 'The local server is stopping and takes no new work: try again once it has started again.' }),
      });
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname).replace(/\/+$/, '') || '/';
    } catch {
      // A broken %-escape is the client's mistake, as API Gateway answers it.
      return send(response, { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'InvalidRequest', message: 'The path has a malformed %-escape.' }) });
    }
    const matches = routes.filter((entry) => entry.pattern.test(path));
    const match = matches.find((entry) => entry.route.method === request.method);
    if (!match) {
      if (options.serveStatic && matches.length === 0 && (request.method === 'GET' || request.method === 'HEAD')) return options.serveStatic(request, response);
      return send(response, gatewayError(matches.length ? 405 : 404, matches.length ? `${request.method} is not allowed on ${path}.` : `No route for ${path}.`));
    }
    const caller = match.open ? undefined : await options.authenticate(request);
    if (!caller && !match.open) return send(response, gatewayError(401, 'Sign in to use the API: send a valid bearer token.'));
    const body = await readBody(request, PAYLOAD_LIMIT_BYTES);
    if (!body) return send(response, { statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'PayloadTooLarge', message: 'The request body is over 10 MB.' }) });

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
      pathParameters: { ...match.pattern.exec(path)?.groups },
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
    send(response, await match.handle(event));
  });
}
