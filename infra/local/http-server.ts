import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { formatBytes } from '../../shared/domain/byte-sizes';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** The whole request, headers and body, must arrive within this (408 otherwise). */
  requestTimeoutMs?: number;
  /** The headers must arrive within this (408 otherwise). */
  headersTimeoutMs?: number;
  /** Headers on the answers the server gives by itself, to requests it could not read. */
  errorHeaders?: Record<string, string>;
}

/* API bodies are small JSON documents (uploads go straight to storage), so a request still
   arriving after half a minute is stuck or hostile; API Gateway's own integration limit is 29 s. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;
/** How long a connection answered with an error is drained before it is closed. */
const CLOSE_GRACE_MS = 2_000;
/** Node's default, set here so that the answer to a request over it can say what it is. */
const MAX_HEADER_BYTES = 16 * 1024;

/** What Node's parser reports about a request it could not read, as a status. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

const CLIENT_ERROR_MESSAGE: Record<number, string> = {
  431: `The request headers are too large: at most ${formatBytes(MAX_HEADER_BYTES)} in all.`,
  408: 'The request did not arrive in time: send the whole request, headers and body, at once.',
  400: 'The request is not valid HTTP.',
};

/** Starts an HTTP server on 127.0.0.1 (port 0 lets the OS pick) and closes it fully, open connections included. */
export async function startHttpServer(
  port: number,
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  options: HttpServerOptions = {},
): Promise<RunningServer> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeout);
  // The answer in flight on each connection: a request the server cannot finish reading is answered only if nothing was sent yet.
  const inFlight = new WeakMap<Socket, ServerResponse>();
  const server: Server = createServer(
    // Node checks the timeouts every connectionsCheckingInterval (30 s by default): often enough to keep them.
    { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.min(1_000, headersTimeout), maxHeaderSize: MAX_HEADER_BYTES },
    (request, response) => {
      inFlight.set(request.socket, response);
      // A kept-alive connection carries more requests: an answer already sent is no longer in flight.
      response.once('close', () => inFlight.get(request.socket) === response && inFlight.delete(request.socket));
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json', ...options.errorHeaders });
        response.end(JSON.stringify({ error: 'InternalError', message: error instanceof Error ? error.message : String(error) }));
      });
    },
  );
  // Node answers these with an empty body by default; clients get the API's JSON error shape instead.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight.get(socket)?.headersSent) return void socket.destroy();
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    const body = JSON.stringify({ error: (STATUS_CODES[status] ?? 'Bad Request').replace(/\W/g, ''), message: CLIENT_ERROR_MESSAGE[status] });
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...options.errorHeaders };
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
    // Closing with the rest of the request unread would reset the connection, and the client could
    // lose the answer with it: what still comes is read and dropped, for a moment, then it closes.
    socket.resume();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => closeServer(server),
  };
}

/** Drops kept-alive client connections too, or closing would wait for every client to hang up. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** The request body, or undefined when it is over `limitBytes` (declared or sent): the rest is not read. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) return undefined;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    size += (part as Buffer).length;
    if (size > limitBytes) return undefined;
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}
