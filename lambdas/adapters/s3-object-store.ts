import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadInstructions } from '../../shared/contracts/api';
import type { ObjectStore, StoredObjectInfo } from '../../shared/ports/object-store';

const httpStatusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/* The SDK's default adds the CRC32 of an empty body to a presigned PUT, and S3
   then refuses the real file: such a URL must never reach a browser. */
const CHECKSUM_QUERY_PARAMETER = /[?&]x-amz-(checksum-|sdk-checksum-algorithm)/i;

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
    { contentType, expiresInSeconds }: { contentType: string; expiresInSeconds: number },
  ): Promise<UploadInstructions> {
    let url: string;
    try {
      url = await getSignedUrl(
        this.#client,
        new PutObjectCommand({ Bucket: this.#bucket, Key: key, ContentType: contentType }),
        // Signing content-type holds the browser to the type the job was created with.
        { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type']) },
      );
    } catch (error) {
      throw this.#failure('presign an upload to', key, error);
    }
    if (CHECKSUM_QUERY_PARAMETER.test(url)) {
      throw new Error(
        `The upload URL for s3://${this.#bucket}/${key} carries a checksum of an empty body, so S3 would reject the file: ` +
          "create the S3 client with createS3Client (requestChecksumCalculation 'WHEN_REQUIRED').",
      );
    }
    return { url, method: 'PUT', headers: { 'content-type': contentType } };
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
      // A page holds at most 1,000 keys, which is also the most one DeleteObjects takes.
      do {
        const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: continuationToken }));
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

  /** Keeps the SDK's error name (what retries match on) and adds where it happened. */
  #failure(action: string, key: string, cause: unknown): Error {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new Error(`Could not ${action} s3://${this.#bucket}/${key}: ${reason}`, { cause });
    if (cause instanceof Error) error.name = cause.name;
    return error;
  }
}
