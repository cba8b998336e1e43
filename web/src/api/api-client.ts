import type { z } from 'zod';
import {
  ApiErrorSchema,
  CreateJobResponseSchema,
  JobListSchema,
  JobStatusDocumentSchema,
  type CreateJobRequest,
} from '../../../shared/contracts/api';
import { LectureNotesSchema } from '../../../shared/contracts/notes';
import { ApiError } from './api-error';

export interface ApiClientOptions {
  /** The API's base URL; empty for the page's own origin. */
  baseUrl: string;
  /** The ID token to send, read on every call so a new sign-in takes effect at once. */
  idToken: () => string | undefined;
  /** Called when the API no longer accepts the token. */
  onUnauthorized: () => void;
}

export type ApiClient = ReturnType<typeof createApiClient>;

const jobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

/** The Lecture Notes REST API with the signed-in user's token; every answer is checked against the shared contracts. */
export function createApiClient(options: ApiClientOptions) {
  async function send(method: string, path: string, init: { accept: string; json?: unknown }): Promise<Response> {
    const headers: Record<string, string> = { accept: init.accept };
    const token = options.idToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'NetworkError', 'Lecture Notes cannot be reached right now. Check your connection; the page keeps trying.');
    }
    if (response.ok) return response;
    // Only a token that was sent can have ended; a call made while signed out is no news.
    if (response.status === 401 && token) options.onUnauthorized();
    const text = await response.text();
    const problem = ApiErrorSchema.safeParse(parseJson(text));
    throw problem.success
      ? new ApiError(response.status, problem.data.error, problem.data.message)
      : new ApiError(response.status, 'HttpError', `The server answered ${method} ${path} with HTTP ${response.status}. Try again in a moment.`);
  }

  async function call<Schema extends z.ZodType>(method: string, path: string, schema: Schema, json?: unknown): Promise<z.infer<Schema>> {
    const response = await send(method, path, { accept: 'application/json', json });
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) throw new ApiError(response.status, 'UnexpectedAnswer', `The server's answer to ${method} ${path} was not in the expected shape.`);
    return parsed.data;
  }

  return {
    listJobs: (limit = 20) => call('GET', `/jobs?limit=${limit}`, JobListSchema),
    getJob: (jobId: string) => call('GET', jobPath(jobId), JobStatusDocumentSchema),
    createJob: (request: CreateJobRequest) => call('POST', '/jobs', CreateJobResponseSchema, request),
    retryJob: (jobId: string) => call('POST', `${jobPath(jobId)}/retry`, JobStatusDocumentSchema),
    deleteJob: async (jobId: string) => void (await send('DELETE', jobPath(jobId), { accept: 'application/json' })),
    notes: (jobId: string) => call('GET', `${jobPath(jobId)}/notes`, LectureNotesSchema),
    notesMarkdown: async (jobId: string) => (await send('GET', `${jobPath(jobId)}/notes`, { accept: 'text/markdown' })).text(),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
