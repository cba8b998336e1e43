import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGatewayStandIn } from '../../../infra/local/api-gateway-stand-in';
import type { RunningServer } from '../../../infra/local/http-server';

describe('the local API Gateway stand-in', () => {
  const received: APIGatewayProxyEvent[] = [];
  let server: RunningServer;

  beforeAll(async () => {
    const echo = async (event: APIGatewayProxyEvent) => {
      received.push(event);
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-count': 1 }, body: JSON.stringify({ ok: true }) };
    };
    server = await startApiGatewayStandIn({
      routes: [
        { route: { method: 'POST', path: '/jobs', handler: 'create-job' }, handle: echo },
        { route: { method: 'GET', path: '/jobs/{jobId}/notes', handler: 'get-notes' }, handle: echo },
      ],
      authenticate: async (request) => (request.headers.authorization === 'Bearer good' ? { sub: 'user-1' } : undefined),
    });
  });
  afterAll(() => server.close());

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: 'Bearer good', ...init.headers } });

  it('hands the handler the proxy event API Gateway builds, with the authorizer\'s claims', async () => {
    const response = await call('/jobs/abc-123/notes?format=md', { headers: { accept: 'text/markdown' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-count')).toBe('1');
    const event = received.at(-1)!;
    expect(event).toMatchObject({
      resource: '/jobs/{jobId}/notes',
      path: '/jobs/abc-123/notes',
      httpMethod: 'GET',
      pathParameters: { jobId: 'abc-123' },
      queryStringParameters: { format: 'md' },
      body: null,
      requestContext: { authorizer: { claims: { sub: 'user-1' } }, stage: 'local' },
    });
    expect(event.headers.accept).toBe('text/markdown');
  });

  it('passes the body through as text', async () => {
    await call('/jobs', { method: 'POST', body: JSON.stringify({ fileName: 'a.vtt' }), headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(received.at(-1)!.body!)).toEqual({ fileName: 'a.vtt' });
  });

  it('answers 401 before any handler runs when the caller is not signed in', async () => {
    const before = received.length;
    const response = await fetch(`${server.url}/jobs`, { method: 'POST', headers: { authorization: 'Bearer forged' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Unauthorized' });
    expect(received.length).toBe(before);
  });

  it('answers 400, not 500, for a path with a malformed %-escape', async () => {
    expect((await call('/jobs/%E0%A4%A')).status).toBe(400);
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    expect((await call('/nothing')).status).toBe(404);
    expect((await call('/jobs', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('the local API Gateway stand-in while the server stops', () => {
  it('answers 503 in JSON to anything that would start work, and still serves reads', async () => {
    let stopping = false;
    const handled: string[] = [];
    const handle = async (event: APIGatewayProxyEvent) => {
      handled.push(`${event.httpMethod} ${event.path}`);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    };
    const server = await startApiGatewayStandIn({
      routes: [
        { route: { method: 'POST', path: '/jobs', handler: 'create-job' }, handle },
        { route: { method: 'GET', path: '/jobs/{jobId}', handler: 'get-job' }, handle },
      ],
      authenticate: async () => ({ sub: 'user-1' }),
      stopping: () => stopping,
    });
    try {
      expect((await fetch(`${server.url}/jobs`, { method: 'POST', body: '{}' })).status).toBe(200);
      stopping = true;

      const refused = await fetch(`${server.url}/jobs`, { method: 'POST', body: '{}' });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ error: 'ServerStopping', message: expect.stringContaining('try again once it has started again') });
      expect((await fetch(`${server.url}/jobs/job-1`)).status).toBe(200);
      expect(handled).toEqual(['POST /jobs', 'GET /jobs/job-1']);
    } finally {
      await server.close();
    }
  });
});
