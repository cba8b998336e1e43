import { connect } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGatewayStandIn } from '../../../infra/local/api-gateway-stand-in';
import type { RunningServer } from '../../../infra/local/http-server';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80]);

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
        { route: { method: 'POST', path: '/jobs' }, handle: echo },
        { route: { method: 'GET', path: '/jobs' }, handle: echo },
        { route: { method: 'GET', path: '/jobs/{jobId}' }, handle: echo },
        { route: { method: 'DELETE', path: '/jobs/{jobId}' }, handle: echo },
        { route: { method: 'GET', path: '/jobs/{jobId}/notes' }, handle: echo },
        { route: { method: 'GET', path: '/bytes' }, handle: async () => ({ statusCode: 200, headers: { 'content-type': DOCX }, body: BYTES.toString('base64'), isBase64Encoded: true }) },
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

  it("decodes a base64 answer to bytes, as API Gateway's binaryMediaTypes do, only when the first Accept type is a binary one", async () => {
    const asked = await call('/bytes', { headers: { accept: `${DOCX}, application/json;q=0.5` } });
    expect(asked.headers.get('content-type')).toBe(DOCX);
    expect(Buffer.from(await asked.arrayBuffer())).toEqual(BYTES);

    for (const accept of ['*/*', `application/json, ${DOCX}`]) {
      const other = await call('/bytes', { headers: { accept } });
      expect(await other.text(), accept).toBe(BYTES.toString('base64'));
    }
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

  it('answers 404 NotFound as JSON for a path no route has, and 405 MethodNotAllowed listing the methods the path has', async () => {
    for (const path of ['/nothing', '/jobs/abc/notes/extra', '/jobs//notes']) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ error: 'NotFound' });
    }
    const wrongMethod = await call('/jobs', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
    expect(await wrongMethod.json()).toMatchObject({ error: 'MethodNotAllowed', message: expect.stringContaining('POST, GET') });
    expect((await call('/jobs/abc-123', { method: 'POST' })).headers.get('allow')).toBe('GET, DELETE');
  });

  it('routes on the raw path and decodes each parameter after, so an encoded "/" stays inside the job id', async () => {
    expect((await call('/jobs/abc%2Fnotes')).status).toBe(200);
    expect(received.at(-1)).toMatchObject({ resource: '/jobs/{jobId}', pathParameters: { jobId: 'abc/notes' } });
    await call('/jobs/caf%C3%A9%20au%20lait/notes');
    expect(received.at(-1)).toMatchObject({ resource: '/jobs/{jobId}/notes', pathParameters: { jobId: 'café au lait' } });
  });
});

/** One request written by hand: a body that stops halfway, or headers fetch would refuse to send. */
function rawRequest(base: string, head: string, body = ''): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname, () => socket.write(`${head}\r\n\r\n${body}`));
    let received = '';
    socket.on('data', (part) => (received += part.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [statusLine = '', ...lines] = received.slice(0, received.indexOf('\r\n\r\n')).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: received.slice(received.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('the local API Gateway stand-in at its limits', () => {
  const SECURITY = { 'content-security-policy': "default-src 'self'; frame-ancestors 'none'", 'referrer-policy': 'strict-origin-when-cross-origin' };
  let handled = 0;
  let server: RunningServer;

  beforeAll(async () => {
    server = await startApiGatewayStandIn({
      routes: [
        {
          route: { method: 'POST', path: '/jobs' },
          handle: async () => {
            handled++;
            return { statusCode: 201, body: '{}' };
          },
        },
      ],
      authenticate: async () => ({ sub: 'user-1' }),
      serveStatic: async (_request, response) => void response.end('<!doctype html>'),
      responseHeaders: SECURITY,
      requestTimeoutMs: 500,
    });
  });
  afterAll(() => server.close());

  it('answers a body that never finishes with a JSON 408, without running the handler', async () => {
    const started = Date.now();
    const answer = await rawRequest(server.url, 'POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100', '{"fileName":');
    expect(answer.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'RequestTimeout', message: expect.stringContaining('in time') });
    expect(handled).toBe(0);
  });

  it('answers headers over the limit with a JSON 431', async () => {
    const response = await fetch(`${server.url}/jobs`, { method: 'POST', headers: { 'x-padding': 'x'.repeat(20_000) }, body: '{}' });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ error: 'RequestHeaderFieldsTooLarge', message: expect.stringContaining('16 KB') });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a body over 10 MB with a JSON 413, declared or sent, without running the handler', async () => {
    const declared = await rawRequest(server.url, `POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Length: ${10 * 1024 * 1024 + 1}`);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: 'PayloadTooLarge', message: expect.stringContaining('10 MB') });
    const sent = await fetch(`${server.url}/jobs`, { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(sent.status).toBe(413);
    expect(handled).toBe(0);
  });

  it('sends the security headers CloudFront adds on every answer: the page, the API, and its errors', async () => {
    const answers = [
      await fetch(`${server.url}/`),
      await fetch(`${server.url}/jobs`, { method: 'POST', body: '{}' }),
      await fetch(`${server.url}/jobs`, { method: 'PUT' }),
      await fetch(`${server.url}/jobs/none`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 201, 405, 404]);
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SECURITY)) expect(answer.headers.get(name)).toBe(value);
    }
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
        { route: { method: 'POST', path: '/jobs' }, handle },
        { route: { method: 'GET', path: '/jobs/{jobId}' }, handle },
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
