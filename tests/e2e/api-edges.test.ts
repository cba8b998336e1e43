import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { API_ROUTES } from '../../infra/function-registry';

/** Answers at the edge of the API, through the whole local runtime, with requests as a client could send them. */
describe('the API at its edges, through the local runtime', () => {
  let runtime: LocalRuntime;
  let auth: Record<string, string>;
  let jobId: string;

  const call = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`${runtime.apiUrl}${path}`, { method, headers: { ...auth, 'content-type': 'application/json', ...init.headers }, body: init.body });

  /** A request written byte for byte, for what fetch would refuse or tidy. */
  const raw = (request: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(runtime.apiUrl);
      const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
      let received = '';
      socket.on('data', (part) => (received += part.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => resolve({ status: Number(received.split(' ')[1]), body: received.slice(received.indexOf('\r\n\r\n') + 4) }));
    });

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    auth = { authorization: `Bearer ${runtime.issueToken('alice')}` };
    const created = await call('POST', '/jobs', { body: JSON.stringify({ fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: 100 }) });
    expect(created.status).toBe(201);
    ({ jobId } = (await created.json()) as { jobId: string });
  });
  afterAll(() => runtime?.stop());

  it('answers a job id over 2,048 characters with 404 JobNotFound on every job route', async () => {
    const long = 'a'.repeat(2_100);
    for (const route of API_ROUTES.filter((candidate) => candidate.path.includes('{jobId}'))) {
      const response = await call(route.method, route.path.replace('{jobId}', long));
      expect(response.status, `${route.method} ${route.path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'JobNotFound' });
    }
  });

  it('answers another method with 405 and Allow, and a path with no route with a JSON 404', async () => {
    const wrongMethod = await call('PUT', '/jobs');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
    expect(await wrongMethod.json()).toMatchObject({ error: 'MethodNotAllowed' });

    const noRoute = await call('GET', `/jobs/${jobId}/notes/extra`);
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await noRoute.json()).toMatchObject({ error: 'NotFound' });
  });

  it('keeps an encoded "/" inside the job id instead of routing on it', async () => {
    expect((await call('GET', `/jobs/${jobId}/notes`)).status).toBe(409);
    const encoded = await raw(`GET /jobs/${jobId}%2Fnotes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth.authorization}\r\nConnection: close\r\n\r\n`);
    expect(encoded.status).toBe(404);
    expect(JSON.parse(encoded.body)).toMatchObject({ error: 'JobNotFound' });
  });

  it('answers oversized headers with a JSON 431 and a body declared over 10 MB with a JSON 413', async () => {
    const headers = await call('GET', '/jobs', { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(headers.status).toBe(431);
    expect(await headers.json()).toMatchObject({ error: 'RequestHeaderFieldsTooLarge' });

    const body = await raw(`POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth.authorization}\r\nContent-Length: ${11 * 1024 * 1024}\r\n\r\n{`);
    expect(body.status).toBe(413);
    expect(JSON.parse(body.body)).toMatchObject({ error: 'PayloadTooLarge' });
  });

  it('negotiates the notes type: text/markdown;q=0 alone is answered 406, not with Markdown', async () => {
    const refused = await call('GET', `/jobs/${jobId}/notes`, { headers: { accept: 'text/markdown;q=0' } });
    expect(refused.status).toBe(406);
    expect(await refused.json()).toMatchObject({ error: 'NotAcceptable' });
  });

  it('refuses a file name with a lone surrogate, and says how far over the limit a file one byte over is', async () => {
    const surrogate = await call('POST', '/jobs', { body: '{"fileName": "talk\\ud800.vtt", "contentType": "text/vtt", "sizeBytes": 100}' });
    expect(surrogate.status).toBe(400);
    expect(await surrogate.json()).toMatchObject({ error: 'InvalidRequest', message: expect.stringContaining('fileName') });

    const limit = runtime.config.limits.maxUploadBytes;
    const over = await call('POST', '/jobs', { body: JSON.stringify({ fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: limit + 1 }) });
    expect(over.status).toBe(413);
    const { message } = (await over.json()) as { message: string };
    expect(message).toContain(`${(limit + 1).toLocaleString('en-US')} bytes`);
    expect(message).toContain(`the limit is ${limit.toLocaleString('en-US')} bytes`);
  });

  it('sends CloudFront\'s security headers on the page and the API, and nosniff on every API answer', async () => {
    for (const response of [await fetch(`${runtime.apiUrl}/`), await call('GET', '/jobs'), await call('GET', '/jobs/none'), await call('PUT', '/jobs')]) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain(runtime.s3Endpoint);
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
