/**
 * Errors the pipeline raises on purpose. The name is what Step Functions
 * matches in Retry and Catch; the message is shown to the person who uploaded
 * the lecture, so it says what went wrong and what to do about it.
 */
export const JOB_ERROR_NAMES = [
  /** The file is not something we can turn into notes (wrong type, empty, truncated, bad key). */
  'InvalidUpload',
  /** A caption file that cannot be parsed. */
  'InvalidCaptions',
  /** Longer than a job may be (duration, words or chunks): it could not run within Step Functions' quotas. */
  'LectureTooLarge',
  /** Audio arrived but no speech-to-text provider is configured. */
  'TranscriptionNotConfigured',
  /** The provider finished the transcription with an error. */
  'TranscriptionFailed',
  /** The provider took longer than the pipeline waits. */
  'TranscriptionTimedOut',
  /** A provider answered 429/5xx or timed out after its own retries: worth retrying later. */
  'ProviderUnavailable',
  /** S3 or DynamoDB timed out, reset the connection, throttled or answered 5xx after the SDK's own retries: worth retrying. */
  'StorageUnavailable',
  /** The provider refused the request for good (bad key, bad request). */
  'ProviderRejected',
  /** The notes model kept returning output that does not fit the notes schema. */
  'NotesGenerationFailed',
  /** The run stopped with the server that ran it (the local runtime was killed or stopped): retrying resumes it. */
  'RunInterrupted',
  /** The job record is missing: the upload did not come through `POST /jobs`. */
  'JobNotFound',
  /** A stored artifact (transcript, chunk, notes) does not fit its contract: damaged, or not written by the pipeline. */
  'StoredDataInvalid',
] as const;

export type JobErrorName = (typeof JOB_ERROR_NAMES)[number];

export class JobError extends Error {
  override readonly name: JobErrorName;

  constructor(name: JobErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

export const isJobErrorName = (name: string): name is JobErrorName => (JOB_ERROR_NAMES as readonly string[]).includes(name);
