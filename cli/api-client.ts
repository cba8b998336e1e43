import type { z } from 'zod';
import {
  ApiErrorSchema,
  CreateJobResponseSchema,
  JobStatusDocumentSchema,
  type CreateJobRequest,
} from '../shared/contracts/api';
import { LectureNotesSchema } from '../shared/contracts/notes';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The Lecture Notes REST API, as any client sees it: every answer is checked against the shared contracts. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  createJob(request: CreateJobRequest) {
    return this.call('POST', '/jobs', CreateJobResponseSchema, { body: JSON.stringify(request), contentType: 'application/json' });
  }

  getJob(jobId: string) {
    return this.call('GET', `/jobs/${encodeURIComponent(jobId)}`, JobStatusDocumentSchema);
  }

  getNotes(jobId: string) {
    return this.call('GET', `/jobs/${encodeURIComponent(jobId)}/notes`, LectureNotesSchema);
  }

  retryJob(jobId: string) {
    return this.call('POST', `/jobs/${encodeURIComponent(jobId)}/retry`, JobStatusDocumentSchema);
  }

  async deleteJob(jobId: string): Promise<void> {
    await this.send('DELETE', `/jobs/${encodeURIComponent(jobId)}`, { accept: 'application/json' });
  }

  async getNotesMarkdown(jobId: string): Promise<string> {
    const response = await this.send('GET', `/jobs/${encodeURIComponent(jobId)}/notes`, { accept: 'text/markdown' });
    return response.text();
  }

  private async call<Schema extends z.ZodType>(
    method: string,
    path: string,
    schema: Schema,
    options: { body?: string; contentType?: string } = {},
  ): Promise<z.infer<Schema>> {
    const response = await this.send(method, path, { accept: 'application/json', ...options });
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`${method} ${path} answered in an unexpected shape: ${parsed.error.message}`);
    return parsed.data;
  }

  private async send(method: string, path: string, options: { accept: string; body?: string; contentType?: string }) {
    const headers: Record<string, string> = { accept: options.accept };
    if (options.contentType) headers['content-type'] = options.contentType;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    // Joined as text: `new URL('/jobs', base)` would drop a stage path such as /prod from the base.
    const response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, { method, headers, body: options.body });
    if (response.ok) return response;
    const text = await response.text();
    const error = ApiErrorSchema.safeParse(safeJson(text));
    throw error.success
      ? new ApiRequestError(response.status, error.data.error, error.data.message)
      : new ApiRequestError(response.status, 'HttpError', `${method} ${path} failed with HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
