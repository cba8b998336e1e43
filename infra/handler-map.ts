import { fileURLToPath } from 'node:url';

/* Which handler serves which state of the pipeline and which API route. The
   CDK app bundles these entries into Lambdas; the local runtime imports the
   same modules. Nothing else names a handler. */

export interface StepFunctionSpec {
  readonly handler: string;
  /** The Lambda's timeout; the state's own timeout sits just above it so the Lambda's clearer error wins. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export const PIPELINE_STEPS = {
  StartJob: { handler: 'start-job', timeoutSeconds: 30, memoryMb: 512 },
  SubmitTranscription: { handler: 'submit-transcription', timeoutSeconds: 90, memoryMb: 512 },
  CheckTranscription: { handler: 'check-transcription', timeoutSeconds: 90, memoryMb: 1024 },
  ImportCaptions: { handler: 'import-captions', timeoutSeconds: 60, memoryMb: 1024 },
  ChunkTranscript: { handler: 'chunk-transcript', timeoutSeconds: 120, memoryMb: 1024 },
  GenerateChunkNotes: { handler: 'generate-chunk-notes', timeoutSeconds: 300, memoryMb: 1024 },
  MergeNotes: { handler: 'merge-notes', timeoutSeconds: 60, memoryMb: 1024 },
  CompleteJob: { handler: 'complete-job', timeoutSeconds: 30, memoryMb: 256 },
  RecordFailure: { handler: 'record-failure', timeoutSeconds: 30, memoryMb: 256 },
} as const satisfies Record<string, StepFunctionSpec>;

export type PipelineStepName = keyof typeof PIPELINE_STEPS;
export const PIPELINE_STEP_NAMES = Object.keys(PIPELINE_STEPS) as PipelineStepName[];

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path, with `{name}` path parameters. */
  readonly path: string;
  readonly handler: string;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/jobs', handler: 'create-job' },
  { method: 'GET', path: '/jobs', handler: 'list-jobs' },
  { method: 'GET', path: '/jobs/{jobId}', handler: 'get-job' },
  { method: 'GET', path: '/jobs/{jobId}/notes', handler: 'get-notes' },
  { method: 'POST', path: '/jobs/{jobId}/upload', handler: 'renew-upload' },
  { method: 'POST', path: '/jobs/{jobId}/retry', handler: 'retry-job' },
  { method: 'DELETE', path: '/jobs/{jobId}', handler: 'delete-job' },
];

/** The path of every API route: CloudFront sends these to the API, everything else to the web client. */
export const API_PATH_PATTERN = '/jobs*';

/** The target of the upload rule: starts a job's run, once, whatever EventBridge delivers. */
export const UPLOAD_EVENT_HANDLER = 'start-run';

/** The target of the run-end rule: fails the job of a run that ended without reaching RecordFailure. */
export const RUN_END_EVENT_HANDLER = 'record-run-end';

/** Invoked by an operator: replays the upload events the upload rule could not deliver. */
export const UPLOAD_REDRIVE_HANDLER = 'redrive-uploads';

export const handlerEntry = (handler: string) => fileURLToPath(new URL(`../lambdas/handlers/${handler}.ts`, import.meta.url));
