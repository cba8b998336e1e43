import type { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/* s3rver ships no type definitions: load it through require and describe the
   little of it the local S3 stand-in uses. It is Koa underneath. */
const require = createRequire(import.meta.url);

export interface S3rverNotification {
  Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; size?: number } } }[];
}
export interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}
export interface KoaContext {
  method: string;
  /** The request target as sent: path (still percent-encoded) and query string. */
  url: string;
  headers: IncomingMessage['headers'];
  /** Koa reads the body from here; a middleware that consumed it puts back a stream of the same bytes. */
  req: Readable;
  status: number;
  body: unknown;
  get(field: string): string;
  set(field: string, value: string): void;
  /** s3rver's storage, where the buckets' CORS rules live. */
  store: { getSubresource(bucket: string, key: undefined, type: 'cors'): Promise<{ matchRule(origin: string, method: string): unknown } | undefined> };
  response: { get(field: string): string };
}
export type KoaMiddleware = (context: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverConfig {
  type: string;
}
export interface S3rverInstance extends EventEmitter {
  /** Koa's middleware list, composed when the server starts. */
  middleware: KoaMiddleware[];
  store: { putSubresource(bucket: string, key: undefined, config: S3rverConfig): Promise<void> };
  run(): Promise<AddressInfo>;
  httpServer?: Server;
}
export const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverInstance;
/** An S3 error: thrown from a middleware, s3rver answers it as S3 does, status and XML body. */
export const S3rverError = require('s3rver/lib/models/error') as new (code: string, message: string, detail?: Record<string, string | number>) => Error;
export const s3rverCorsConfiguration = (xml: string) =>
  (require('s3rver/lib/models/config') as { getConfigModel(type: 'cors'): { validate(xml: string): S3rverConfig } }).getConfigModel('cors').validate(xml);
