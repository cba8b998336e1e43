import type { UploadInstructions } from '../contracts/api';

export interface StoredObjectInfo {
  sizeBytes: number;
  contentType?: string;
}

/** The bucket the pipeline reads and writes. Keys are full object keys. */
export interface ObjectStore {
  /** Undefined when there is no such object. */
  head(key: string): Promise<StoredObjectInfo | undefined>;
  /** The first `bytes` bytes (fewer when the object is smaller). */
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  getText(key: string): Promise<string>;
  putText(key: string, body: string, contentType: string): Promise<void>;
  /** A URL the client PUTs the file to; the returned headers are signed and must be sent. */
  presignUpload(key: string, options: { contentType: string; expiresInSeconds: number }): Promise<UploadInstructions>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /** Deletes every object whose key starts with `prefix`; returns how many there were. */
  deletePrefix(prefix: string): Promise<number>;
}
