import type { z } from 'zod';
import {
  ApiErrorSchema,
  CreateJobResponseSchema,
  JOB_LIST_LIMITS,
  JobListSchema,
  JobStatusDocumentSchema,
  LocalSignInResponseSchema,
  RecordingLinkSchema,
  TranscriptDocumentSchema,
  type CreateJobRequest,
  type NotesFormat,
  type CreateNotesVersionRequest,
} from './api';
import { LectureNotesSchema } from './notes';
import { describeIssues } from './schema-issues';
import { dispositionFileName } from '../domain/exports/download-file-name';
import { EXPORT_FORMATS } from '../domain/exports/export-formats';

/** A request that did not get the answer it wanted, with a message for the person who asked. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came at all. */
    readonly status: number,
    /** The API's error name (`JobNotFound`, `Unauthorized`…), `NetworkError` or `UnexpectedAnswer`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

export interface ApiClientOptions {
  /** The API's base URL, a stage path such as /prod included; empty for a page's own origin. */
  baseUrl: string;
  /** The ID token to send, read on every call so a new sign-in takes effect at once. */
  idToken?: () => string | undefined;
  /** Called when the API no longer accepts the token that was sent. */
  onUnauthorized?: () => void;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A file `GET /jobs/{jobId}/notes?format=` serves, ready to save. */
export interface NotesExport {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The name the server gives it (from the lecture's title). */
  fileName: string;
}

const UNREACHABLE = 'Lecture Notes cannot be reached right now. Check your connection and try again.';
const LOCAL_RUNTIME_UNREACHABLE = 'The local runtime cannot be reached. Is `npm start` still running?';

const jobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;
/** The notes' path: one version (the newest finished one when left out), as a file of `format` when given. */
function notesPath(jobId: string, { version, format }: { version?: number; format?: NotesFormat } = {}): string {
  const query = new URLSearchParams();
  if (version !== undefined) query.set('version', String(version));
  if (format) query.set('format', format);
  const search = query.toString();
  return `${jobPath(jobId)}/notes${search ? `?${search}` : ''}`;
}

type Request = { accept: string; json?: unknown; unreachable?: string };

/**
 * The Lecture Notes REST API as every client sees it (the CLI, the web page, the end-to-end
 * tests): every answer is checked against the shared contracts. Only `fetch`, so it runs in a
 * browser and in Node alike; the methods are plain functions, safe to pass around unbound.
 */
export function createApiClient(options: ApiClientOptions) {
  async function send(method: string, path: string, request: Request): Promise<Response> {
    const headers: Record<string, string> = { accept: request.accept };
    const token = options.idToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      // Joined as text: `new URL('/jobs', base)` would drop a stage path such as /prod from the base.
      response = await fetch(`${options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        // A job's status changes from one poll to the next; no cache may answer for the API.
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'NetworkError', request.unreachable ?? UNREACHABLE);
    }
    if (response.ok) return response;
    // Only a token that was sent can have ended; a call made while signed out is no news.
    if (response.status === 401 && token) options.onUnauthorized?.();
    const problem = ApiErrorSchema.safeParse(parseJson(await response.text()));
    throw problem.success
      ? new ApiError(response.status, problem.data.error, problem.data.message)
      : new ApiError(response.status, 'HttpError', `The server answered ${method} ${path} with HTTP ${response.status}. Try again in a moment.`);
  }

  async function call<Schema extends z.ZodType>(method: string, path: string, schema: Schema, request: Omit<Request, 'accept'> = {}): Promise<z.infer<Schema>> {
    const response = await send(method, path, { accept: 'application/json', ...request });
    const parsed = schema.safeParse(parseJson(await response.text()));
    if (!parsed.success) {
      throw new ApiError(response.status, 'UnexpectedAnswer', `The server's answer to ${method} ${path} was not in the expected shape (${describeIssues(parsed.error, 'the answer')}).`);
    }
    return parsed.data;
  }

  return {
    listJobs: (limit: number = JOB_LIST_LIMITS.standard) => call('GET', `/jobs?limit=${limit}`, JobListSchema),
    getJob: (jobId: string) => call('GET', jobPath(jobId), JobStatusDocumentSchema),
    createJob: (request: CreateJobRequest) => call('POST', '/jobs', CreateJobResponseSchema, { json: request }),
    retryJob: (jobId: string) => call('POST', `${jobPath(jobId)}/retry`, JobStatusDocumentSchema),
    renewUpload: (jobId: string) => call('POST', `${jobPath(jobId)}/upload`, CreateJobResponseSchema),
    deleteJob: async (jobId: string): Promise<void> => void (await send('DELETE', jobPath(jobId), { accept: 'application/json' })),
    /** `version`: one version of the notes; the newest finished one when left out. */
    getNotes: (jobId: string, version?: number) => call('GET', notesPath(jobId, { version }), LectureNotesSchema),
    getNotesMarkdown: async (jobId: string, version?: number): Promise<string> => (await send('GET', notesPath(jobId, { version }), { accept: 'text/markdown' })).text(),
    createNotesVersion: (jobId: string, request: CreateNotesVersionRequest) => call('POST', `${jobPath(jobId)}/notes`, JobStatusDocumentSchema, { json: request }),
    retryNotesVersion: (jobId: string, version: number) => call('POST', `${jobPath(jobId)}/notes/${version}/retry`, JobStatusDocumentSchema),
    getTranscript: (jobId: string) => call('GET', `${jobPath(jobId)}/transcript`, TranscriptDocumentSchema),
    /** The notes (one version, the newest finished one when left out) as a file: Markdown, JSON or Word, the transcript as WebVTT or SubRip, or the flashcards as an Anki CSV. */
    getNotesExport: async (jobId: string, format: NotesFormat, version?: number): Promise<NotesExport> => {
      const { contentType, suffix } = EXPORT_FORMATS[format];
      // API Gateway hands Word on as bytes only to a client whose first Accept type is Word's; an error still comes as JSON.
      const response = await send('GET', notesPath(jobId, { version, format }), { accept: `${contentType.split(';')[0]}, application/json;q=0.5` });
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: response.headers.get('content-type') ?? contentType,
        fileName: dispositionFileName(response.headers.get('content-disposition')) ?? `lecture.${suffix}`,
      };
    },
    getRecording: (jobId: string) => call('GET', `${jobPath(jobId)}/recording`, RecordingLinkSchema),
    /** The local runtime's stand-in for Cognito: a name, no password. It does not exist in AWS. */
    signInLocally: (username: string) =>
      call('POST', '/local/sign-in', LocalSignInResponseSchema, { json: { username }, unreachable: LOCAL_RUNTIME_UNREACHABLE }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
