import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { jobsTableCreateInput } from '../../lambdas/adapters/jobs-table';

/* dynalite and s3rver ship no type definitions: load them through require and
   describe the little of them this file uses. */
const require = createRequire(import.meta.url);

interface DynaliteOptions {
  path?: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}
const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

interface S3rverNotification {
  Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; size?: number } } }[];
}
interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}
interface KoaContext {
  status: number;
  body: unknown;
  response: { get(field: string): string };
}
type KoaMiddleware = (context: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance extends EventEmitter {
  /** Koa's middleware list, composed when the server starts. */
  middleware: KoaMiddleware[];
  run(): Promise<AddressInfo>;
  httpServer?: Server;
}
const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverInstance;
const S3rverError = require('s3rver/lib/models/error') as new (code: string, message: string) => Error;

/* s3rver answers a range on an empty object with a 206 that promises one byte
   and sends none, so the client sees a dropped connection and retries. S3
   answers 416 InvalidRange, which is what the object store expects. */
const answerRangeOnEmptyObjectLikeS3: KoaMiddleware = async (context, next) => {
  await next();
  if (context.status === 206 && context.response.get('Content-Range').endsWith('/0')) {
    (context.body as Readable).destroy();
    throw new S3rverError('InvalidRange', 'The requested range is not satisfiable');
  }
};

const HOST = '127.0.0.1';

/** s3rver knows only this access key; it checks the key id and expiry of a signature, not the signature. */
export const S3_STAND_IN_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface StandIn {
  /** Base URL to give the SDK client as its endpoint. */
  endpoint: string;
  /** Resolves once the server and its storage are closed. */
  stop(): Promise<void>;
}

export interface ObjectCreatedEvent {
  bucket: string;
  key: string;
  size: number;
}

export interface S3StandIn extends StandIn {
  onObjectCreated(listener: (event: ObjectCreatedEvent) => void): void;
}

const endpointOf = ({ port }: AddressInfo) => `http://${HOST}:${port}`;

/** Drops kept-alive client connections too, or closing would wait for every client to hang up. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** dynalite on an OS-chosen port: in memory, or persisted under `path` (one process per path). */
export async function startDynamoDbStandIn({ path }: { path?: string } = {}): Promise<StandIn> {
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    endpoint: endpointOf(server.address() as AddressInfo),
    // dynalite's close also closes its LevelDB store, which a later start on the same path needs.
    stop: () => closeServer(server),
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Lets pages on these origins PUT the upload with its signed content-type and GET results. */
function corsConfiguration(origins: string[]): string {
  const allowedOrigins = origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    allowedOrigins +
    '<AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
    '<AllowedHeader>content-type</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

/** s3rver on an OS-chosen port, storing objects under `directory`, with the buckets already made. */
export async function startS3StandIn({
  directory,
  buckets,
  corsOrigins = [],
}: {
  directory: string;
  buckets: string[];
  corsOrigins?: string[];
}): Promise<S3StandIn> {
  const configs = corsOrigins.length > 0 ? [corsConfiguration(corsOrigins)] : [];
  const s3rver = new S3rver({
    address: HOST,
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs })),
  });
  s3rver.middleware.unshift(answerRangeOnEmptyObjectLikeS3);
  const address = await s3rver.run();
  return {
    endpoint: endpointOf(address),
    onObjectCreated(listener) {
      s3rver.on('event', ({ Records }: S3rverNotification) => {
        for (const { eventName, s3 } of Records) {
          if (!eventName.startsWith('ObjectCreated:')) continue;
          const event = { bucket: s3.bucket.name, key: s3.object.key, size: s3.object.size ?? 0 };
          // s3rver notifies inside the upload's request; S3 notifies after it, so a
          // slow or failing listener must not hold up or break the upload.
          setImmediate(() => listener(event));
        }
      });
    },
    stop: async () => {
      if (s3rver.httpServer) await closeServer(s3rver.httpServer);
    },
  };
}

/** Creates the jobs table unless it exists, and waits until it takes writes. */
export async function ensureJobsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw tableFailure('look up', tableName, error);
  }
  try {
    await client.send(new CreateTableCommand(jobsTableCreateInput(tableName)));
  } catch (error) {
    // A concurrent caller created it first.
    if (!(error instanceof ResourceInUseException)) throw tableFailure('create', tableName, error);
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
}

const tableFailure = (action: string, tableName: string, cause: unknown) =>
  new Error(`Could not ${action} the jobs table ${tableName}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
