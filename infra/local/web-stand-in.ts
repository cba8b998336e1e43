import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { WebConfig } from '../../shared/contracts/web-config';
import { API_DESCRIPTION_PATH, type ApiDescription } from '../api-description';

/** Where `npm run build:web` writes the web client. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names what it puts under assets/ by content hash, so those never change; everything else is checked on every load. */
const cacheControlFor = (path: string) => (path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');

export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function answer(request: IncomingMessage, response: ServerResponse, status: number, contentType: string, body: string) {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Stands in for CloudFront in front of the web client's bucket: the built page from `distDir` at
 * `/`, and `/config.json` and `/openapi.json` as the stack writes them beside it. It serves only
 * files inside `distDir`.
 */
export function webStandIn({ distDir, config, apiDescription }: { distDir: string; config: WebConfig; apiDescription?: ApiDescription }): StaticHandler {
  const root = resolve(distDir);
  const configJson = JSON.stringify(config);
  const apiDescriptionJson = apiDescription && JSON.stringify(apiDescription);
  return async (request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return answer(request, response, 400, 'text/plain; charset=utf-8', 'The path is not valid URL encoding.');
    }
    if (path === '/config.json') return answer(request, response, 200, 'application/json', configJson);
    if (path === API_DESCRIPTION_PATH && apiDescriptionJson) return answer(request, response, 200, 'application/json', apiDescriptionJson);

    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
    const inside = file.startsWith(`${root}${sep}`) && !path.includes('\0');
    const info = inside ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      if (path === '/') {
        return answer(request, response, 503, 'text/plain; charset=utf-8', `The web client is not built (no ${file}). Run \`npm run build:web\`, or start with \`npm start\`, which builds it.`);
      }
      return answer(request, response, 404, 'text/plain; charset=utf-8', `Nothing at ${path}.`);
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': cacheControlFor(path),
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') return void response.end();
    await pipeline(createReadStream(file), response);
  };
}
