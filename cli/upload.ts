import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { UploadInstructions } from '../shared/contracts/api';

/**
 * Sends the file the way the API says, as a browser would, streaming it with
 * its exact length (S3 refuses chunked uploads to a presigned URL) and
 * reporting bytes sent.
 */
export function uploadFile(path: string, sizeBytes: number, upload: UploadInstructions, onProgress: (sentBytes: number) => void): Promise<void> {
  const url = new URL(upload.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: upload.method, headers: { ...upload.headers, 'content-length': sizeBytes } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve();
        reject(new Error(`The upload was refused (HTTP ${status}): ${Buffer.concat(parts).toString('utf8').slice(0, 300)}`));
      });
    });
    outgoing.on('error', (error) => reject(new Error(`The upload failed: ${error.message}`)));
    let sent = 0;
    createReadStream(path)
      .on('data', (part) => {
        sent += part.length;
        onProgress(sent);
      })
      .on('error', (error) => outgoing.destroy(error))
      .pipe(outgoing);
  });
}
