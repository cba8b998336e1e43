import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CreateJobRequestSchema, CreateNotesVersionRequestSchema } from '../shared/contracts/api';
import type { FunctionAccess } from './constructs/function-access';
import type { JobItemAction } from './constructs/jobs-table';

/* Every function of the app, once: its handler, its size, what it composes, what it may touch,
   and the state or route it serves. The CDK constructs build the Lambdas from this table and
   the local runtime loads the same handler modules from it. Nothing else names a handler. */

/**
 * What the handler's Lambda export composes from its environment (lambdas/runtime):
 * `provider-free` is composeProviderFree (AWS services and settings), `transcription` is composeTranscription
 * (those and the speech-to-text provider), `notes` is composeNotes (those and the notes engine), `redrive` is
 * composeRedrive (the provider-free ones and the undelivered-uploads queue). A function bundles only what it composes.
 */
export type Composition = 'provider-free' | 'transcription' | 'notes' | 'redrive';

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path, with `{name}` path parameters. */
  readonly path: string;
}

export interface FunctionSpec {
  /** The Lambda's timeout; a task's own timeout sits just above it so the Lambda's clearer error wins. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly composes: Composition;
  /** Exactly what it may touch; anything not named here it may not. */
  readonly access: FunctionAccess;
  /** The task of the notes pipeline it runs, by state name. @default - none */
  readonly state?: string;
  /** The API route it serves, and the body API Gateway checks before it runs. @default - none */
  readonly route?: ApiRoute & { readonly requestBody?: z.ZodType };
}

/** Reading a job and moving it forward: every write is a conditional update. */
const JOB_RECORD: JobItemAction[] = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];

/** API Gateway gives up on an integration after 29 s: every route stops well before, and they are sized alike. */
const ROUTE_SIZE = { timeoutSeconds: 10, memoryMb: 512 } as const;

/** Keyed by handler: the file name in lambdas/handlers, without extension. */
export const FUNCTIONS = {
  // It looks for a stored transcript (a retry resumes from it) before it reads the start of the upload.
  'start-job': {
    state: 'StartJob',
    timeoutSeconds: 30,
    memoryMb: 512,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, uploads: ['s3:GetObject'], artifacts: ['s3:GetObject'], listing: true },
  },
  // Presigning a GET for the provider needs read access to the upload. A Whisper server (TRANSCRIPTION_PROVIDER=openai)
  // is sent the recording and answers with the transcript in this one step: the longest a Lambda runs, memory for the
  // recording, and a place among the job's artifacts for the answer until the check.
  'submit-transcription': {
    state: 'SubmitTranscription',
    timeoutSeconds: 900,
    memoryMb: 1024,
    composes: 'transcription',
    access: { jobItems: JOB_RECORD, uploads: ['s3:GetObject'], artifacts: ['s3:PutObject'], providerKeys: ['assemblyAi', 'transcription'] },
  },
  'check-transcription': {
    state: 'CheckTranscription',
    timeoutSeconds: 90,
    memoryMb: 1024,
    composes: 'transcription',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject', 's3:PutObject'], providerKeys: ['assemblyAi', 'transcription'] },
  },
  // It adds its usage to the job's cost ledger, and writes nothing else of the job.
  'import-captions': {
    state: 'ImportCaptions',
    timeoutSeconds: 60,
    memoryMb: 1024,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:UpdateItem'], uploads: ['s3:GetObject'], artifacts: ['s3:PutObject'] },
  },
  'chunk-transcript': {
    state: 'ChunkTranscript',
    timeoutSeconds: 120,
    memoryMb: 1024,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject', 's3:PutObject'] },
  },
  // It looks for its chunk's notes first: a repeated iteration asks the provider nothing.
  'generate-chunk-notes': {
    state: 'GenerateChunkNotes',
    timeoutSeconds: 300,
    memoryMb: 1024,
    composes: 'notes',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject', 's3:PutObject'], listing: true, providerKeys: ['openAi'] },
  },
  // It reads the first chunk for the lecture's language; it asks no provider.
  'merge-notes': {
    state: 'MergeNotes',
    timeoutSeconds: 60,
    memoryMb: 1024,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject', 's3:PutObject'] },
  },
  // One model call over the merged notes, sized like a chunk's; it looks for the notes first, so a retry asks nothing.
  'reduce-notes': {
    state: 'ReduceNotes',
    timeoutSeconds: 300,
    memoryMb: 1024,
    composes: 'notes',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject', 's3:PutObject'], listing: true, providerKeys: ['openAi'] },
  },
  'complete-job': { state: 'CompleteJob', timeoutSeconds: 30, memoryMb: 256, composes: 'provider-free', access: { jobItems: JOB_RECORD } },
  'record-failure': { state: 'RecordFailure', timeoutSeconds: 30, memoryMb: 256, composes: 'provider-free', access: { jobItems: JOB_RECORD } },

  // The target of the upload rule: starts a job's run, once, whatever EventBridge delivers.
  'start-run': { timeoutSeconds: 15, memoryMb: 256, composes: 'provider-free', access: { jobItems: ['dynamodb:GetItem'], startRuns: true } },
  // The target of the run-end rule: fails the job of a run that ended without reaching RecordFailure.
  'record-run-end': { timeoutSeconds: 15, memoryMb: 256, composes: 'provider-free', access: { jobItems: JOB_RECORD } },
  // Invoked by an operator: replays the upload events the upload rule could not deliver, through start-run's handler.
  'redrive-uploads': {
    timeoutSeconds: 60,
    memoryMb: 256,
    composes: 'redrive',
    access: { jobItems: ['dynamodb:GetItem'], startRuns: true, replayUndeliveredUploads: true },
  },

  // Presigning the upload needs the right to put it; whether audio is accepted depends on the transcription settings and key.
  'create-job': {
    route: { method: 'POST', path: '/jobs', requestBody: CreateJobRequestSchema },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:PutItem'], uploads: ['s3:PutObject'], providerKeys: ['assemblyAi', 'transcription'] },
  },
  // The read routes fail a job past its run's time limit (a conditional update) before answering.
  'list-jobs': { route: { method: 'GET', path: '/jobs' }, ...ROUTE_SIZE, composes: 'provider-free', access: { ownerQuery: true, jobItems: JOB_RECORD } },
  'get-job': { route: { method: 'GET', path: '/jobs/{jobId}' }, ...ROUTE_SIZE, composes: 'provider-free', access: { jobItems: JOB_RECORD } },
  'get-notes': {
    route: { method: 'GET', path: '/jobs/{jobId}/notes' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:GetItem'], artifacts: ['s3:GetObject'] },
  },
  // It looks for the stored transcript the version is written from, adds the version to the job and starts its run.
  'create-notes-version': {
    route: { method: 'POST', path: '/jobs/{jobId}/notes', requestBody: CreateNotesVersionRequestSchema },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject'], listing: true, startRuns: true },
  },
  // The timed text the notes page reads along with; only the job's own artifacts.
  'get-transcript': {
    route: { method: 'GET', path: '/jobs/{jobId}/transcript' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:GetItem'], artifacts: ['s3:GetObject'] },
  },
  // Presigning a GET of the upload for the page's player, after looking that it is still stored; nothing else of the bucket.
  'get-recording': {
    route: { method: 'GET', path: '/jobs/{jobId}/recording' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:GetItem'], uploads: ['s3:GetObject'] },
  },
  // Presigning a new form for the same key needs the same right to put it; the job record says what to sign.
  'renew-upload': {
    route: { method: 'POST', path: '/jobs/{jobId}/upload' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: ['dynamodb:GetItem'], uploads: ['s3:PutObject'] },
  },
  // It looks for the stored transcript and the upload to know where the new attempt resumes.
  'retry-job': {
    route: { method: 'POST', path: '/jobs/{jobId}/retry' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, uploads: ['s3:GetObject'], artifacts: ['s3:GetObject'], listing: true, startRuns: true },
  },
  // A failed version's next attempt: only the stored transcript and the version's own chunk notes are read.
  'retry-notes-version': {
    route: { method: 'POST', path: '/jobs/{jobId}/notes/{version}/retry' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: { jobItems: JOB_RECORD, artifacts: ['s3:GetObject'], listing: true, startRuns: true },
  },
  // It fails an overdue job first, and puts the record back when the artifacts could not all be deleted, so the job can be deleted again.
  'delete-job': {
    route: { method: 'DELETE', path: '/jobs/{jobId}' },
    ...ROUTE_SIZE,
    composes: 'provider-free',
    access: {
      jobItems: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem'],
      uploads: ['s3:DeleteObject'],
      artifacts: ['s3:DeleteObject'],
      listing: true,
    },
  },
} as const satisfies Record<string, FunctionSpec>;

type Registry = typeof FUNCTIONS;
export type HandlerName = keyof Registry;

/** The state names of the pipeline's tasks, as the table names them. */
export type PipelineStepName = { [H in HandlerName]: Registry[H] extends { readonly state: infer State extends string } ? State : never }[HandlerName];

export type PipelineStep = FunctionSpec & { readonly handler: HandlerName; readonly state: PipelineStepName };
export type RouteFunction = FunctionSpec & { readonly handler: HandlerName; readonly route: NonNullable<FunctionSpec['route']> };

const entries = Object.entries(FUNCTIONS) as [HandlerName, FunctionSpec][];

/** The pipeline's tasks by state name. */
export const PIPELINE_STEPS = Object.fromEntries(
  entries.flatMap(([handler, spec]) => (spec.state ? [[spec.state, { ...spec, handler }]] : [])),
) as Record<PipelineStepName, PipelineStep>;
export const PIPELINE_STEP_NAMES = Object.keys(PIPELINE_STEPS) as PipelineStepName[];

/** The functions behind the API, in the table's order. */
export const ROUTE_FUNCTIONS: readonly RouteFunction[] = entries.flatMap(([handler, spec]) => (spec.route ? [{ ...spec, handler, route: spec.route }] : []));

/** Every route of the API, with the handler that serves it. */
export const API_ROUTES: readonly (ApiRoute & { readonly handler: HandlerName })[] = ROUTE_FUNCTIONS.map(({ handler, route }) => ({
  method: route.method,
  path: route.path,
  handler,
}));

/** The path of every API route: CloudFront sends these to the API, everything else to the web client. */
export const API_PATH_PATTERN = '/jobs*';

export const handlerEntry = (handler: string) => fileURLToPath(new URL(`../lambdas/handlers/${handler}.ts`, import.meta.url));
