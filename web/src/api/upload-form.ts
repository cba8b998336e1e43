import type { UploadInstructions } from '../../../shared/contracts/api';

/**
 * The presigned form as the API describes it: every field as given, then the file as the last
 * field, named `file` (S3 reads the policy before the file). The file part carries the declared
 * content type so that what is stored matches what was signed.
 */
export function uploadFormData(upload: UploadInstructions, file: Blob, fileName: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  const contentType = upload.fields['Content-Type'] ?? file.type;
  form.append('file', file.type === contentType ? file : new Blob([file], { type: contentType }), fileName);
  return form;
}

/** Why storage refused the file, from S3's XML error (`<Code>`, `<Message>`). */
export function uploadRefusalMessage(status: number, responseText: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(responseText)?.[1];
  const detail = /<Message>([^<]*)<\/Message>/.exec(responseText)?.[1];
  if (code === 'AccessDenied' && /expired/i.test(detail ?? '')) return 'The upload link expired before the file arrived. Try again to get a new one.';
  if (code === 'EntityTooLarge' || code === 'EntityTooSmall') return 'Storage refused the file because its size changed after it was chosen. Choose the file again.';
  return `Storage refused the file (HTTP ${status}${code ? `, ${code}` : ''})${detail ? `: ${detail}` : '.'}`;
}

export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelled';
  }
}

/**
 * Sends the form with XMLHttpRequest, which (unlike fetch) reports upload progress. `onProgress`
 * gets the bytes of the whole form sent so far and its total size; aborting `signal` cancels.
 */
export function sendUploadForm(
  upload: UploadInstructions,
  form: FormData,
  onProgress: (sentBytes: number, totalBytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new UploadCancelled());
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new Error(uploadRefusalMessage(request.status, request.responseText)));
    });
    request.addEventListener('error', () => reject(new Error('The connection to storage dropped during the upload. Check your connection and try again.')));
    request.addEventListener('abort', () => reject(new UploadCancelled()));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
