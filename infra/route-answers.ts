import * as z from 'zod';
import {
  CreateJobResponseSchema,
  JOB_LIST_LIMITS,
  JobListSchema,
  JobStatusDocumentSchema,
  NotesFormatSchema,
  RecordingLinkSchema,
  TranscriptDocumentSchema,
} from '../shared/contracts/api';
import { LectureNotesSchema } from '../shared/contracts/notes';
import { EXPORT_FORMATS } from '../shared/domain/exports/export-formats';
import type { FUNCTIONS, HandlerName } from './function-registry';

/* What each API route answers, beside what the registry says of it (method, path, request body):
   the one home of the answers the API description (api-description.ts) is written from. */

/** The handlers that serve a route: each must say here what it answers, or the types fail. */
export type RouteHandlerName = { [H in HandlerName]: (typeof FUNCTIONS)[H] extends { readonly route: object } ? H : never }[HandlerName];

export type ErrorStatus = 400 | 404 | 406 | 409 | 413 | 415 | 422;

export interface RouteAnswers {
  readonly summary: string;
  /** Query parameters by name: what the value must be, and what it does. */
  readonly query?: Readonly<Record<string, { readonly schema: z.ZodType; readonly description: string }>>;
  readonly success: {
    readonly status: 200 | 201 | 202 | 204;
    readonly description: string;
    /** The body by media type; none for an empty answer. */
    readonly content?: Readonly<Record<string, z.ZodType>>;
  };
  /**
   * The `error` codes the handler itself answers with, by status. Those every route can answer are
   * added by the description: 401, 429 and 500 everywhere, 400 and 413 for a body, 404 for a job id.
   */
  readonly errors?: Partial<Record<ErrorStatus, readonly string[]>>;
}

const json = (schema: z.ZodType) => ({ 'application/json': schema });

const mediaType = (contentType: string) => contentType.split(';')[0]!;

/** `?format=` answers every export as a file; Word's is bytes, the rest text (JSON is the notes themselves). */
const EXPORT_CONTENT = Object.fromEntries(
  Object.values(EXPORT_FORMATS).map((format) => [mediaType(format.contentType), format.binary ? z.unknown() : z.string()]),
);

const STORED_DATA = ['StoredDataInvalid'];

export const ROUTE_ANSWERS = {
  'create-job': {
    summary: 'Record a job and get the form its file is uploaded with',
    success: { status: 201, description: 'The job, and the presigned POST form for its file (valid 15 minutes).', content: json(CreateJobResponseSchema) },
    errors: { 413: ['FileTooLarge'], 415: ['UnsupportedMediaType'], 422: ['TranscriptionNotConfigured'] },
  },
  'list-jobs': {
    summary: "The caller's recent jobs, newest first",
    query: {
      limit: {
        schema: z.number().int().min(1).max(JOB_LIST_LIMITS.most).default(JOB_LIST_LIMITS.standard),
        description: 'How many jobs to return.',
      },
    },
    success: { status: 200, description: 'The jobs, newest first.', content: json(JobListSchema) },
    errors: { 400: ['InvalidRequest'] },
  },
  'get-job': {
    summary: 'A job: status, progress, usage, cost and every version of its notes',
    success: { status: 200, description: 'The status document.', content: json(JobStatusDocumentSchema) },
  },
  'get-notes': {
    summary: 'The notes of a job, or one of their exports',
    query: {
      version: { schema: z.number().int().min(1), description: 'The version of the notes; the newest finished one when left out.' },
      format: {
        schema: NotesFormatSchema,
        description: 'An export, sent as an attachment named after the title: the format decides the type, not Accept.',
      },
    },
    success: {
      status: 200,
      description: 'The notes as JSON, or as Markdown for `Accept: text/markdown`; with `format`, the export as a file.',
      content: { ...EXPORT_CONTENT, ...json(LectureNotesSchema), 'text/markdown': z.string() },
    },
    errors: { 400: ['InvalidRequest', 'UnknownFormat'], 404: ['VersionNotFound'], 406: ['NotAcceptable'], 409: ['NotesNotReady'], 422: STORED_DATA },
  },
  'create-notes-version': {
    summary: "Write a new version of a completed job's notes from its stored transcript",
    success: { status: 202, description: 'The job, whose `versions` ends with the new one.', content: json(JobStatusDocumentSchema) },
    errors: { 409: ['NotesNotReady', 'VersionUnderWay', 'TranscriptGone'] },
  },
  'get-transcript': {
    summary: "The stored transcript's timed text (no word timings)",
    success: { status: 200, description: 'The transcript.', content: json(TranscriptDocumentSchema) },
    errors: { 409: ['TranscriptNotReady'], 422: STORED_DATA },
  },
  'get-recording': {
    summary: "A presigned link to the owner's own recording",
    success: { status: 200, description: 'Where to play the recording from, until `expiresAt`.', content: json(RecordingLinkSchema) },
    errors: { 409: ['NoRecording', 'UploadNotReceived', 'RecordingNotStored'] },
  },
  'renew-upload': {
    summary: 'A fresh upload form for a job still awaiting its file',
    success: { status: 200, description: 'The job, and a new presigned POST form (the shape `POST /jobs` answers).', content: json(CreateJobResponseSchema) },
    errors: { 409: ['UploadReceived'] },
  },
  'retry-job': {
    summary: 'A new attempt of a failed job, resuming from what is stored',
    success: { status: 202, description: 'The reopened job.', content: json(JobStatusDocumentSchema) },
    errors: { 409: ['NotFailed', 'RetryUnderWay', 'UploadGone'] },
  },
  'retry-notes-version': {
    summary: 'A new attempt of a failed version of the notes, resuming from what it wrote',
    success: { status: 202, description: 'The job, whose versions list the reopened version.', content: json(JobStatusDocumentSchema) },
    errors: { 400: ['InvalidRequest'], 404: ['VersionNotFound'], 409: ['NotAVersionRun', 'NotFailed', 'RetryUnderWay', 'TranscriptGone'] },
  },
  'delete-job': {
    summary: 'Delete a finished job: its upload, every artifact and the record',
    success: { status: 204, description: 'Deleted.' },
    errors: { 409: ['JobRunning', 'VersionUnderWay', 'JobChanged'] },
  },
} as const satisfies Record<RouteHandlerName, RouteAnswers>;
