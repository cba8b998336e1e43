import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { createDynamoDbClient } from '../../lambdas/adapters/aws-clients';
import { configFromEnvironment, type RuntimeConfig } from '../../lambdas/runtime/config';
import { OfflineNotesGenerator } from '../../lambdas/adapters/offline-notes/offline-notes-generator';
import { composeDependencies, type Dependencies } from '../../lambdas/runtime/dependencies';
import { API_ROUTES, PIPELINE_STEP_NAMES, PIPELINE_STEPS, UPLOAD_EVENT_HANDLER } from '../handler-map';
import { DEFAULT_PIPELINE_SETTINGS, type NotesPipelineSettings } from '../constructs/notes-pipeline-definition';
import { exportPipelineAsl } from '../pipeline-asl';
import { startApiGatewayStandIn, type ProxyHandler } from './api-gateway-stand-in';
import { loadLocalFunction, type LocalFunction } from './lambda-stand-in';
import { localIssuerFolder, openLocalIssuer } from './local-issuer';
import { LOCAL_SIGN_IN_PATH, localSignIn } from './local-sign-in';
import { objectCreatedBridge } from './object-created-bridge';
import { OfflineNotesPool } from './offline-notes-pool';
import { ensureJobsTable, S3_STAND_IN_CREDENTIALS, startDynamoDbStandIn, startS3StandIn } from './stand-ins';
import { StepFunctionsEndpoint } from './step-functions-endpoint';
import { WEB_DIST_DIR, webStandIn } from './web-stand-in';

export const LOCAL_BUCKET = 'lecture-notes-local';
const LOCAL_JOBS_TABLE = 'lecture-notes-jobs';
const LOCAL_STATE_MACHINE = 'lecture-notes-pipeline';

export interface LocalRuntimeOptions {
  /** Where S3 objects and the jobs table live between runs. */
  dataDir: string;
  /** Keep the jobs table on disk under dataDir (one process at a time), or in memory. */
  persistTable?: boolean;
  apiPort?: number;
  /** Provider settings (ASSEMBLYAI_*, OPENAI_*, NOTES_ENGINE, limits); defaults to this process's environment. */
  environment?: NodeJS.ProcessEnv;
  pipeline?: Partial<NotesPipelineSettings>;
  /** Wait state durations in milliseconds by state name (tests shorten the transcription loop). */
  waitOverrides?: Record<string, number>;
  retryOverrides?: Record<string, number>;
  /** Threads for the offline notes engine; defaults to every core but one. */
  notesThreads?: number;
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
  /** An ID token for `username` from this runtime's local issuer (one hour). */
  issueToken(username: string): string;
  stop(): Promise<void>;
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
  try {
    await mkdir(options.dataDir, { recursive: true });
    const issuer = await openLocalIssuer(localIssuerFolder(options.dataDir));
    const dynamo = await startDynamoDbStandIn({ path: options.persistTable ? join(options.dataDir, 'dynamodb') : undefined });
    stops.push(() => dynamo.stop());
    // Local uploads come from pages on other loopback ports (the API's, a dev server's).
    const s3 = await startS3StandIn({ directory: join(options.dataDir, 's3'), buckets: [LOCAL_BUCKET], corsOrigins: ['*'] });
    stops.push(() => s3.stop());

    // Lambda gives each call its own CPU; here every handler and stand-in shares one event loop, so the
    // offline engine runs on threads. It closes after the state machine, which waits for running executions.
    const notesPool = new OfflineNotesPool({ threads: options.notesThreads });
    stops.push(() => notesPool.close());

    // The state machine's tasks run the handlers; the handlers that start runs need its endpoint.
    // So the endpoint starts first, and its functions are filled in once they are composed.
    const functions: Record<string, LocalFunction> = {};
    const stateMachine = new StepFunctionsEndpoint({
      definition: exportPipelineAsl({ ...DEFAULT_PIPELINE_SETTINGS, ...options.pipeline }),
      stateMachineName: LOCAL_STATE_MACHINE,
      functions,
      waitOverrides: options.waitOverrides,
      retryOverrides: options.retryOverrides,
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
    for (const step of PIPELINE_STEP_NAMES) functions[step] = await loadLocalFunction(PIPELINE_STEPS[step].handler, deps);

    const deliver = objectCreatedBridge(await loadLocalFunction(UPLOAD_EVENT_HANDLER, deps));
    s3.onObjectCreated((stored) => void deliver(stored));

    const routes = await Promise.all(
      API_ROUTES.map(async (route) => ({ route, handle: (await loadLocalFunction(route.handler, deps)) as unknown as ProxyHandler })),
    );
    const api = await startApiGatewayStandIn({
      routes: [...routes, { route: { method: 'POST', path: LOCAL_SIGN_IN_PATH, handler: 'local-sign-in' }, handle: localSignIn(issuer), open: true }],
      authenticate: options.authenticate ?? issuer.authenticate,
      port: options.apiPort,
      // The page and the API share an origin, as they do behind CloudFront.
      serveStatic: webStandIn({ distDir: WEB_DIST_DIR, config: { apiUrl: '', maxUploadBytes: config.limits.maxUploadBytes, auth: { mode: 'local' } } }),
    });
    stops.push(() => api.close());

    return {
      apiUrl: api.url,
      s3Endpoint: s3.endpoint,
      dynamoDbEndpoint: dynamo.endpoint,
      stepFunctionsEndpoint,
      stateMachine,
      config,
      issueToken: (username) => issuer.issue(username),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
