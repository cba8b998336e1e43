import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGatewayStandIn } from '../../../infra/local/api-gateway-stand-in';
import type { RunningServer } from '../../../infra/local/http-server';
import { webStandIn } from '../../../infra/local/web-stand-in';
import type { WebConfig } from '../../../shared/contracts/web-config';

const CONFIG: WebConfig = { apiUrl: '', maxUploadBytes: 1234, auth: { mode: 'local' } };

/** A raw request, so that paths reach the server exactly as written (fetch would tidy "..") . */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    request({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the web client served beside the API', () => {
  let root: string;
  let server: RunningServer;
  let unbuilt: RunningServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-stand-in-'));
    await mkdir(join(root, 'dist', 'assets'), { recursive: true });
    await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>Lecture Notes</title>');
    await writeFile(join(root, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'not for the web');
    const routes = [{ route: { method: 'GET' as const, path: '/jobs', handler: 'list-jobs' }, handle: async () => ({ statusCode: 200, body: '{"jobs":[]}' }) }];
    const authenticate = async () => undefined;
    server = await startApiGatewayStandIn({ routes, authenticate, serveStatic: webStandIn({ distDir: join(root, 'dist'), config: CONFIG }) });
    unbuilt = await startApiGatewayStandIn({ routes, authenticate, serveStatic: webStandIn({ distDir: join(root, 'missing'), config: CONFIG }) });
  });
  afterAll(async () => {
    await server?.close();
    await unbuilt?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page at / and config.json, both revalidated on every load', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Lecture Notes</title>');

    const config = await fetch(`${server.url}/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-cache');
    expect(await config.json()).toEqual(CONFIG);
  });

  it('serves hashed assets with their type, cached for good', async () => {
    const script = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('keeps API routes for the API, with their own answers', async () => {
    expect((await fetch(`${server.url}/jobs`)).status).toBe(401);
    expect((await fetch(`${server.url}/jobs`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${server.url}/index.html`, { method: 'POST' })).status).toBe(404);
  });

  it('serves nothing outside the build folder, and 404 for what is not there', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/', '/missing.js']) {
      const answer = await rawGet(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('not for the web');
    }
  });

  it('says how to build the page when it has not been built', async () => {
    const answer = await fetch(`${unbuilt.url}/`);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toMatch(/npm run build:web/);
  });
});
