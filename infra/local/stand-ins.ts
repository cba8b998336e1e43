import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { jobsTableCreateInput } from '../../lambdas/adapters/jobs-table-schema';
import { closeServer } from './http-server';
import { s3RequestGuard } from './s3-request-guard';
import { S3rver, S3rverError, s3rverCorsConfiguration, type KoaMiddleware, type S3rverNotification } from './s3rver';

/* dynalite ships no type definitions: load it through require and describe the little of it this file uses. */
const require = createRequire(import.meta.url);

interface DynaliteOptions {
  path?: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}
const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

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

/** The one key the S3 stand-in knows: every request must be signed with it (s3-request-guard.ts checks the signatures). */
export const S3_STAND_IN_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface StandIn {
  /** Base URL to give the SDK client as its endpoint. */
  endpoint: string;
  /** Resolves once the server and its storage are closed. */
  stop(): Promise<void>;
}

/** An object the S3 stand-in saw written: where it is and how large (S3's own event shape is the contract's ObjectCreatedEvent). */
export interface CreatedObject {
  bucket: string;
  key: string;
  size: number;
}

export interface S3StandIn extends StandIn {
  onObjectCreated(listener: (created: CreatedObject) => void): void;
  /** Replaces the buckets' CORS rules: pages on these origins (and no others) may upload and read. */
  allowOrigins(origins: string[]): Promise<void>;
}

const endpointOf = ({ port }: AddressInfo) => `http://${HOST}:${port}`;

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

/** Lets pages on these origins POST the upload form (or PUT with a signed content-type) and GET results. */
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

/**
 * s3rver storing objects under `directory`, with the buckets already made, on
 * `port` (an OS-chosen one by default). Every request must be what S3 would
 * take from the bucket's owner: signed with S3_STAND_IN_CREDENTIALS, or a POST
 * form within its signed policy.
 */
export async function startS3StandIn({ directory, buckets, port = 0 }: { directory: string; buckets: string[]; port?: number }): Promise<S3StandIn> {
  // No CORS rules until allowOrigins names the pages: S3's default, no page may.
  const s3rver = new S3rver({
    address: HOST,
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  s3rver.middleware.unshift(s3RequestGuard({ credentials: S3_STAND_IN_CREDENTIALS }), answerRangeOnEmptyObjectLikeS3);
  const address = await s3rver.run();
  return {
    endpoint: endpointOf(address),
    onObjectCreated(listener) {
      s3rver.on('event', ({ Records }: S3rverNotification) => {
        for (const { eventName, s3 } of Records) {
          if (!eventName.startsWith('ObjectCreated:')) continue;
          const created = { bucket: s3.bucket.name, key: s3.object.key, size: s3.object.size ?? 0 };
          // s3rver notifies inside the upload's request; S3 notifies after it, so a
          // slow or failing listener must not hold up or break the upload.
          setImmediate(() => listener(created));
        }
      });
    },
    async allowOrigins(origins) {
      for (const bucket of buckets) await s3rver.store.putSubresource(bucket, undefined, s3rverCorsConfiguration(corsConfiguration(origins)));
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
