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
  /** A form the client POSTs the file with: it takes exactly `sizeBytes` bytes of `contentType`, for at most 15 minutes. */
  presignUpload(key: string, options: { contentType: string; sizeBytes: number; expiresInSeconds: number }): Promise<UploadInstructions>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /** Deletes every object whose key starts with `prefix`; returns how many there were. */
  deletePrefix(prefix: string): Promise<number>;
}
