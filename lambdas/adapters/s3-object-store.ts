import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadInstructions } from '../../shared/contracts/api';
import type { ObjectStore, StoredObjectInfo } from '../../shared/ports/object-store';
import { storageFailure } from './transient-faults';

const httpStatusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/** An upload form that leaks is useless after this. */
const MAX_UPLOAD_FORM_SECONDS = 15 * 60;
/** The most S3 takes in one POST upload. */
const S3_POST_MAX_BYTES = 5 * 1024 ** 3;
/** The most keys one DeleteObjects takes; asking for pages of this size keeps each page one batch. */
const DELETE_BATCH_KEYS = 1_000;

export class S3ObjectStore implements ObjectStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor({ client, bucket }: { client: S3Client; bucket: string }) {
    this.#client = client;
    this.#bucket = bucket;
  }

  async head(key: string): Promise<StoredObjectInfo | undefined> {
    try {
      const object = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return { sizeBytes: object.ContentLength ?? 0, contentType: object.ContentType };
    } catch (error) {
      // A HEAD response has no body, so a missing object is only a bare 404.
      if (httpStatusOf(error) === 404) return undefined;
      throw this.#failure('read the metadata of', key, error);
    }
  }

  async readStart(key: string, bytes: number): Promise<Uint8Array> {
    if (bytes <= 0) return new Uint8Array();
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      // S3 answers any range on an empty object with 416: there is nothing to read.
      if (httpStatusOf(error) === 416) return new Uint8Array();
      throw this.#failure('read the start of', key, error);
    }
  }

  async getText(key: string): Promise<string> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      throw this.#failure('read', key, error);
    }
  }

  async putText(key: string, body: string, contentType: string): Promise<void> {
    try {
      await this.#client.send(
        // S3 needs a length on every PUT, and the SDK does not work one out for an empty body.
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: Buffer.byteLength(body),
        }),
      );
    } catch (error) {
      throw this.#failure('write', key, error);
    }
  }

  async presignUpload(
    key: string,
    { contentType, sizeBytes, expiresInSeconds }: { contentType: string; sizeBytes: number; expiresInSeconds: number },
  ): Promise<UploadInstructions> {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_UPLOAD_FORM_SECONDS) {
      throw new Error(
        `An upload form for s3://${this.#bucket}/${key} must expire within ${MAX_UPLOAD_FORM_SECONDS} seconds; ${expiresInSeconds} were asked for (UPLOAD_URL_SECONDS).`,
      );
    }
    if (!Number.isInteger(sizeBytes) || sizeBytes < 1 || sizeBytes > S3_POST_MAX_BYTES) {
      throw new Error(`An upload form for s3://${this.#bucket}/${key} must take 1 to ${S3_POST_MAX_BYTES} bytes, the most S3 accepts by POST; ${sizeBytes} were asked for.`);
    }
    try {
      const { url, fields } = await createPresignedPost(this.#client, {
        Bucket: this.#bucket,
        Key: key,
        // Each field given here also becomes an exact-match condition of the signed policy.
        Fields: { 'Content-Type': contentType },
        // The declared size and nothing else: S3 refuses a body one byte shorter or longer.
        Conditions: [['content-length-range', sizeBytes, sizeBytes]],
        Expires: expiresInSeconds,
      });
      return { url, method: 'POST', fields };
    } catch (error) {
      throw this.#failure('presign an upload to', key, error);
    }
  }

  async presignDownload(key: string, expiresInSeconds: number): Promise<string> {
    try {
      return await getSignedUrl(this.#client, new GetObjectCommand({ Bucket: this.#bucket, Key: key }), {
        expiresIn: expiresInSeconds,
      });
    } catch (error) {
      throw this.#failure('presign a download of', key, error);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    let continuationToken: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, MaxKeys: DELETE_BATCH_KEYS, ContinuationToken: continuationToken }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length) {
          const result = await this.#client.send(new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: keys, Quiet: true } }));
          if (result.Errors?.length) throw new Error(result.Errors.map((failure) => `${failure.Key}: ${failure.Message}`).join('; '));
          deleted += keys.length;
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken);
    } catch (error) {
      throw this.#failure('delete the objects under', prefix, error);
    }
    return deleted;
  }

  /** Adds where it happened; passing faults become StorageUnavailable, which retries match on. */
  #failure(action: string, key: string, cause: unknown): Error {
    return storageFailure(`Could not ${action} s3://${this.#bucket}/${key}`, cause);
  }
}
