import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../cli/upload';
import type { UploadInstructions } from '../../../shared/contracts/api';

interface Received {
  method?: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Splits a multipart/form-data body into its parts' headers and contents. */
function partsOf(body: Buffer, contentType: string | undefined) {
  const boundary = /boundary=(.+)$/.exec(contentType ?? '')?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const text = body.toString('latin1');
  expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...content] = part.slice(2, -2).split('\r\n\r\n');
      return { head, content: Buffer.from(content.join('\r\n\r\n'), 'latin1') };
    });
}

describe('uploadFile', () => {
  let server: Server;
  let url: string;
  let directory: string;
  let received: Received[];
  let answer: { status: number; body: string };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cli-upload-'));
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lecture-uploads`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => {
    received = [];
    answer = { status: 204, body: '' };
  });

  const form = (): UploadInstructions => ({
    url,
    method: 'POST',
    fields: { key: 'uploads/job-1/talk.mp3', 'Content-Type': 'audio/mpeg', Policy: 'eyJ9', 'X-Amz-Signature': 'abc123' },
  });

  it('posts every field, then the file last, with an exact Content-Length and byte progress', async () => {
    const file = randomBytes(300_000);
    const path = join(directory, 'talk "final".mp3');
    await writeFile(path, file);
    const progress: number[] = [];

    await uploadFile(path, file.length, form(), (sent) => progress.push(sent));

    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(request?.headers['content-length'])).toBe(request?.body.length);
    const parts = partsOf(request!.body, request?.headers['content-type']);
    expect(parts.map((part) => /name="([^"]*)"/.exec(part.head)?.[1])).toEqual(['key', 'Content-Type', 'Policy', 'X-Amz-Signature', 'file']);
    expect(parts[0]?.content.toString()).toBe('uploads/job-1/talk.mp3');
    expect(parts[4]?.head).toContain('filename="talk %22final%22.mp3"');
    expect(parts[4]?.head).toContain('Content-Type: audio/mpeg');
    expect(parts[4]?.content.equals(file)).toBe(true);
    // Streamed in pieces, not read whole first.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(file.length);
  });

  it('reports a refused upload with the storage service\'s answer', async () => {
    const path = join(directory, 'short.vtt');
    await writeFile(path, 'WEBVTT\n');
    answer = { status: 400, body: '<Error><Code>EntityTooSmall</Code></Error>' };

    await expect(uploadFile(path, 7, form(), () => {})).rejects.toThrow(/HTTP 400.*EntityTooSmall/);
  });

  it('stops when the file on disk is shorter than the size the job was created with', async () => {
    const path = join(directory, 'shrunk.vtt');
    await writeFile(path, 'WEBVTT\n');

    await expect(uploadFile(path, 100, form(), () => {})).rejects.toThrow(/shrunk\.vtt changed while it was being uploaded/);
  });
});
