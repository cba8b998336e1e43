/* Where each artifact of a job lives in the bucket. Uploads sit under their own
   prefix: the event rule listens there, and their lifecycle differs. */

export const UPLOADS_PREFIX = 'uploads/';

const pad = (index: number) => String(index).padStart(4, '0');

/** File names come from users: keep them readable, but never let them shape the key. */
function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '').slice(-100);
  return cleaned || 'lecture';
}

export const uploadsPrefixOf = (jobId: string) => `${UPLOADS_PREFIX}${jobId}/`;
export const uploadKey = (jobId: string, fileName: string) => `${uploadsPrefixOf(jobId)}${safeFileName(fileName)}`;

export function parseUploadKey(key: string): { jobId: string; fileName: string } | undefined {
  const match = /^uploads\/([A-Za-z0-9-]{1,64})\/([^/]+)$/.exec(key);
  return match ? { jobId: match[1]!, fileName: match[2]! } : undefined;
}

export const JOBS_PREFIX = 'jobs/';
/** Everything made from the upload: transcript, chunks, notes. */
export const jobPrefix = (jobId: string) => `${JOBS_PREFIX}${jobId}/`;
export const transcriptKey = (jobId: string) => `${jobPrefix(jobId)}transcript.json`;
export const chunksPrefix = (jobId: string) => `${jobPrefix(jobId)}chunks/`;
export const chunkKey = (jobId: string, index: number) => `${chunksPrefix(jobId)}${pad(index)}.json`;
export const chunkNotesKey = (jobId: string, index: number) => `${jobPrefix(jobId)}chunk-notes/${pad(index)}.json`;
export const mergedNotesKey = (jobId: string) => `${jobPrefix(jobId)}merged-notes.json`;
export const notesKey = (jobId: string) => `${jobPrefix(jobId)}notes.json`;
export const notesMarkdownKey = (jobId: string) => `${jobPrefix(jobId)}notes.md`;
