import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { createDynamoDbClient } from '../../lambdas/adapters/aws-clients';
import { configFromEnvironment, type RuntimeConfig } from '../../lambdas/runtime/config';
import { OfflineNotesGenerator } from '../../lambdas/adapters/offline-notes/offline-notes-generator';
import { composeDependencies, type Dependencies } from '../../lambdas/runtime/dependencies';
import type { RunStatusChangeEvent } from '../../shared/contracts/run-status-event';
import { API_ROUTES, FUNCTIONS, PIPELINE_STEPS, type HandlerName } from '../function-registry';
import { DEFAULT_PIPELINE_SETTINGS, type NotesPipelineSettings } from '../constructs/notes-pipeline-definition';
import { buildApiDescription } from '../api-description';
import { exportPipelineAsl } from '../pipeline-asl';
import { securityHeaders } from '../security-headers';
import { startApiGatewayStandIn, type ProxyHandler } from './api-gateway-stand-in';
import { loadLocalFunction, type LocalFunction } from './lambda-stand-in';
import { localIssuerFolder, openLocalIssuer } from './local-issuer';
import { LOCAL_SIGN_IN_PATH, localSignIn } from './local-sign-in';
import { logger } from '../../lambdas/runtime/powertools';
import { UPLOADS_PREFIX } from '../../shared/domain/object-keys';
import { lockDataFolder } from './data-folder';
import { objectCreatedBridge } from './object-created-bridge';
import { OfflineNotesPool } from './offline-notes-pool';
import { reconcileUnfinishedJobs, type ReconcileReport } from './reconcile-jobs';
import { ensureJobsTable, S3_STAND_IN_CREDENTIALS, startDynamoDbStandIn, startS3StandIn } from './stand-ins';
import { StepFunctionsEndpoint } from './step-functions-endpoint';
import { WEB_DIST_DIR, webStandIn } from './web-stand-in';

export const LOCAL_BUCKET = 'lecture-notes-local';
const LOCAL_JOBS_TABLE = 'lecture-notes-jobs';
const LOCAL_STATE_MACHINE = 'lecture-notes-pipeline';
/** How long a stop lets running jobs go on before it leaves them for the next start. */
export const DEFAULT_DRAIN_MS = 5_000;

export interface LocalRuntimeOptions {
  /** Where S3 objects and the jobs table live between runs. */
  dataDir: string;
  /** Keep the jobs table on disk under dataDir (one process at a time), or in memory. */
  persistTable?: boolean;
  apiPort?: number;
  /** The S3 stand-in's port: fixed for `npm start`, so upload forms handed out survive a restart; OS-chosen by default. */
  s3Port?: number;
  /** Provider settings (ASSEMBLYAI_*, OPENAI_*, NOTES_ENGINE, limits); defaults to this process's environment. */
  environment?: NodeJS.ProcessEnv;
  pipeline?: Partial<NotesPipelineSettings>;
  /** Wait state durations in milliseconds by state name (tests shorten the transcription loop). */
  waitOverrides?: Record<string, number>;
  retryOverrides?: Record<string, number>;
  /** The state machine's time limit in seconds instead of the pipeline's own (tests make a run time out). */
  pipelineTimeoutSeconds?: number;
  /** Threads for the offline notes engine; defaults to every core but one. */
  notesThreads?: number;
  /** The built web client to serve; web/dist by default. A browser test that builds its own copy cannot race another's build. */
  webDistDir?: string;
  /** Who the caller is; defaults to verifying bearer tokens from the local issuer under dataDir. */
  authenticate?: (request: IncomingMessage) => Promise<{ sub: string } | undefined>;
}

export interface LocalRuntime {
  apiUrl: string;
  s3Endpoint: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  stateMachine: StepFunctionsEndpoint;
  config: RuntimeConfig;
  /** What the start found unfinished from an earlier run of this data folder, and set straight. */
  reconciled: ReconcileReport;
  /** An ID token for `username` from this runtime's local issuer (one hour). */
  issueToken(username: string): string;
  /**
   * Refuses new work at once (the API answers 503 to anything but reads,
   * uploads start no run), gives running jobs `drainMs` to finish, then closes
   * everything. What is still unfinished resumes on the next start.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * The whole product on one machine, in this process: DynamoDB, S3, Step
 * Functions and API Gateway stand-ins, with the same handlers and the same
 * state machine definition that AWS runs. Only endpoints differ.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  let stopping = false;
  try {
    await mkdir(options.dataDir, { recursive: true });
    const lock = await lockDataFolder(options.dataDir);
    stops.push(() => lock.release());
    const issuer = await openLocalIssuer(localIssuerFolder(options.dataDir));
    const dynamo = await startDynamoDbStandIn({ path: options.persistTable ? join(options.dataDir, 'dynamodb') : undefined });
    stops.push(() => dynamo.stop());
    // Pages may upload once the API, which serves them, is listening: see allowOrigins below.
    const s3 = await startS3StandIn({ directory: join(options.dataDir, 's3'), buckets: [LOCAL_BUCKET], port: options.s3Port });
    stops.push(() => s3.stop());

    // Lambda gives each call its own CPU; here every handler and stand-in shares one event loop, so the
    // offline engine runs on threads. It closes after the state machine, which waits for running executions.
    const notesPool = new OfflineNotesPool({ threads: options.notesThreads });
    stops.push(() => notesPool.close());

    // The state machine's tasks run the handlers; the handlers that start runs need its endpoint.
    // So the endpoint starts first, and its functions are filled in once they are composed.
    const functions: Record<string, LocalFunction> = {};
    // The run-end rule's target, like the tasks' handlers, is known only once the dependencies are composed.
    let recordRunEnd: LocalFunction | undefined;
    const definition = exportPipelineAsl({ ...DEFAULT_PIPELINE_SETTINGS, ...options.pipeline });
    const stateMachine = new StepFunctionsEndpoint({
      definition: options.pipelineTimeoutSeconds === undefined ? definition : { ...definition, TimeoutSeconds: options.pipelineTimeoutSeconds },
      stateMachineName: LOCAL_STATE_MACHINE,
      functions,
      waitOverrides: options.waitOverrides,
      retryOverrides: options.retryOverrides,
      onRunEnded: async (event: RunStatusChangeEvent) => recordRunEnd?.(event),
    });
    const stepFunctionsEndpoint = await stateMachine.start();
    stops.push(() => stateMachine.stop());

    const config = configFromEnvironment(
      {
        ...(options.environment ?? process.env),
        AWS_REGION: 'us-east-1',
        BUCKET_NAME: LOCAL_BUCKET,
        JOBS_TABLE: LOCAL_JOBS_TABLE,
        STATE_MACHINE_ARN: stateMachine.stateMachineArn,
        // No metrics service listens here.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      {
        endpoints: { s3: s3.endpoint, dynamodb: dynamo.endpoint, sfn: stepFunctionsEndpoint },
        s3ForcePathStyle: true,
        credentials: S3_STAND_IN_CREDENTIALS,
      },
    );
    await ensureJobsTable(createDynamoDbClient(config.aws), LOCAL_JOBS_TABLE);
    const composed = composeDependencies(config);
    const deps: Dependencies = composed.notes instanceof OfflineNotesGenerator ? { ...composed, notes: notesPool } : composed;
    const { transcriber, notes, reducer, ...providerFree } = deps;
    // Each function gets what its Lambda export composes in AWS, so one that reaches for a provider it does not compose fails here too.
    const composedFor = { 'provider-free': providerFree, transcription: { ...providerFree, transcriber }, notes: { ...providerFree, notes, reducer } };
    const load = (handler: HandlerName) => {
      const { composes } = FUNCTIONS[handler];
      if (composes === 'redrive') throw new Error(`${handler} replays a queue of undelivered events; the local runtime delivers events in process and has no such queue.`);
      return loadLocalFunction(handler, composedFor[composes]);
    };
    for (const { state, handler } of Object.values(PIPELINE_STEPS)) functions[state] = await load(handler);
    recordRunEnd = await load('record-run-end');

    const deliver = objectCreatedBridge(await load('start-run'));
    s3.onObjectCreated((created) => {
      if (!stopping) return void deliver(created);
      // A run started now would be cut off by the stop; the upload is kept, and the next start delivers it.
      if (created.key.startsWith(UPLOADS_PREFIX)) logger.info('An upload arrived while the server is stopping; its run starts on the next start', { key: created.key });
    });

    const routes = await Promise.all(
      API_ROUTES.map(async (route) => ({ route, handle: (await load(route.handler)) as unknown as ProxyHandler })),
    );
    const api = await startApiGatewayStandIn({
      routes: [...routes, { route: { method: 'POST', path: LOCAL_SIGN_IN_PATH }, handle: localSignIn(issuer), open: true }],
      authenticate: options.authenticate ?? issuer.authenticate,
      port: options.apiPort,
      stopping: () => stopping,
      // The page and the API share an origin, as they do behind CloudFront.
      serveStatic: webStandIn({
        distDir: options.webDistDir ?? WEB_DIST_DIR,
        config: { apiUrl: '', maxUploadBytes: config.limits.maxUploadBytes, auth: { mode: 'local' } },
        apiDescription: buildApiDescription(),
      }),
      // What CloudFront adds to every answer; the page sends its upload forms to the S3 stand-in.
      responseHeaders: securityHeaders([s3.endpoint]),
    });
    stops.push(() => api.close());
    // The page comes from the API's own origin (as behind CloudFront) and uploads to S3 across origins:
    // that origin, by either name of the loopback address, and no other page may.
    await s3.allowOrigins([api.url, api.url.replace('//127.0.0.1:', '//localhost:')]);

    // Runs and upload events live in this process only: whatever an earlier process left unfinished is set straight now.
    const reconciled = await reconcileUnfinishedJobs(deps, { isRunning: (name) => stateMachine.isRunning(name), deliverUpload: deliver });

    return {
      apiUrl: api.url,
      s3Endpoint: s3.endpoint,
      dynamoDbEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint,
      stateMachine,
      config,
      reconciled,
      issueToken: (username) => issuer.issue(username),
      stop: async ({ drainMs = DEFAULT_DRAIN_MS } = {}) => {
        stopping = true;
        // The API stays up while runs drain, answering reads; the stops below then close it and the rest.
        await stateMachine.stop({ drainMs });
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
