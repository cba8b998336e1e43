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
/** What a synchronous speech-to-text server answered, kept until the transcription check takes it up. */
export const speechToTextKey = (jobId: string) => `${jobPrefix(jobId)}speech-to-text.json`;
export const chunksPrefix = (jobId: string) => `${jobPrefix(jobId)}chunks/`;
export const chunkKey = (jobId: string, index: number) => `${chunksPrefix(jobId)}${pad(index)}.json`;
/**
 * Where a version of the notes is written: version 1 where notes have always
 * been, so jobs from before versions keep their keys; later ones beside it.
 * The transcript and its chunks are shared by every version.
 */
const versionPrefix = (jobId: string, version: number) => (version === 1 ? jobPrefix(jobId) : `${jobPrefix(jobId)}versions/${version}/`);
export const chunkNotesKey = (jobId: string, index: number, version = 1) => `${versionPrefix(jobId, version)}chunk-notes/${pad(index)}.json`;
export const mergedNotesKey = (jobId: string, version = 1) => `${versionPrefix(jobId, version)}merged-notes.json`;
export const notesKey = (jobId: string, version = 1) => `${versionPrefix(jobId, version)}notes.json`;
export const notesMarkdownKey = (jobId: string, version = 1) => `${versionPrefix(jobId, version)}notes.md`;
