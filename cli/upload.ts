import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import type { UploadInstructions } from '../shared/contracts/api';

/** Quotes in a part's name or file name are escaped the way browsers do. */
const quoted = (value: string) => `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/**
 * The multipart/form-data body around the file: every field, then the head of the file part, and
 * the closing boundary. S3 reads the fields before the file, so the file must come last.
 */
function multipartFrame(fields: Record<string, string>, fileName: string, fileContentType: string, boundary: string) {
  const fieldParts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`,
  );
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(fileName)}\r\nContent-Type: ${fileContentType}\r\n\r\n`;
  return { head: Buffer.from(fieldParts.join('') + fileHead), tail: Buffer.from(`\r\n--${boundary}--\r\n`) };
}

/**
 * Sends the file in the upload form the API handed out, as a browser would: a multipart POST with
 * an exact Content-Length (S3 refuses chunked POST bodies), the file streamed from disk and the
 * bytes sent reported as they go.
 */
export function uploadFile(path: string, sizeBytes: number, upload: UploadInstructions, onProgress: (sentBytes: number) => void): Promise<void> {
  const url = new URL(upload.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const boundary = `lecture-notes-${randomUUID()}`;
  const { head, tail } = multipartFrame(upload.fields, basename(path), upload.fields['Content-Type'] ?? 'application/octet-stream', boundary);
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': head.length + sizeBytes + tail.length,
  };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: upload.method, headers }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve();
        reject(new Error(`The upload was refused (HTTP ${status}): ${Buffer.concat(parts).toString('utf8').slice(0, 300)}`));
      });
    });
    outgoing.on('error', (error) => reject(new Error(`The upload failed: ${error.message}`)));
    outgoing.write(head);
    let sent = 0;
    // Never more than the declared size: the signed policy takes that many bytes exactly.
    createReadStream(path, { end: sizeBytes - 1 })
      .on('data', (part) => {
        sent += part.length;
        onProgress(sent);
      })
      .on('error', (error) => outgoing.destroy(error))
      .on('end', () => {
        if (sent !== sizeBytes) {
          outgoing.destroy(new Error(`${path} changed while it was being uploaded: it was ${sizeBytes} bytes and ${sent} could be read.`));
          return;
        }
        outgoing.end(tail);
      })
      .pipe(outgoing, { end: false });
  });
}
