import type { CreateJobRequest, CreateJobResponse, UploadInstructions } from '../../../shared/contracts/api';
import { isApiError } from '../../../shared/contracts/api-client';
import { messageOf } from '../ui/error-message';
import { UploadCancelled } from '../api/upload-form';
import { estimateUpload, withSample, type ProgressSample, type UploadEstimate } from './upload-progress';

/** A file checked and ready to send. */
export interface LectureFile {
  blob: Blob;
  name: string;
  contentType: string;
}

export type UploadState =
  | { phase: 'creating' }
  | { phase: 'uploading'; estimate: UploadEstimate }
  | { phase: 'done'; jobId: string }
  | { phase: 'failed'; message: string; canRetry: boolean }
  | { phase: 'cancelled' };

export interface UploadDependencies {
  createJob(request: CreateJobRequest): Promise<CreateJobResponse>;
  deleteJob(jobId: string): Promise<void>;
  /** A fresh form for a job still waiting for its file (POST /jobs/{jobId}/upload). */
  renewUpload(jobId: string): Promise<CreateJobResponse>;
  sendForm(upload: UploadInstructions, file: LectureFile, onProgress: (sentBytes: number, totalBytes: number) => void, signal: AbortSignal): Promise<void>;
  nowMs(): number;
}

/** A form about to expire would be refused after the last byte arrived, so it is only reused with time to spare. */
export const FORM_REUSE_MARGIN_MS = 60_000;

/** Answers that no retry can change: the file itself is refused (bad request, too large, unsupported, no transcription). */
const REFUSED_FILE_STATUSES = [400, 413, 415, 422];

/**
 * One file's way in: create the job, then send the file in the job's upload form. After a failure,
 * `start()` again sends the same file to the same job, with a fresh form for it once the old one
 * is about to expire, and asks for a new job only when the old one cannot take the file any more;
 * `cancel()` stops the upload and removes the job it was for, and once the file has arrived
 * nothing here removes the job.
 */
export class LectureUpload {
  private job: CreateJobResponse | undefined;
  private attempt: AbortController | undefined;

  constructor(
    private readonly file: LectureFile,
    private readonly deps: UploadDependencies,
    private readonly report: (state: UploadState) => void,
  ) {}

  async start(): Promise<void> {
    const attempt = new AbortController();
    this.attempt = attempt;
    try {
      const job = await this.jobToUploadTo(attempt.signal);
      let samples: ProgressSample[] = [];
      this.report({ phase: 'uploading', estimate: estimateUpload(samples, this.file.blob.size) });
      await this.deps.sendForm(
        job.upload,
        this.file,
        (sentBytes, totalBytes) => {
          samples = withSample(samples, { atMs: this.deps.nowMs(), sentBytes });
          this.report({ phase: 'uploading', estimate: estimateUpload(samples, totalBytes) });
        },
        attempt.signal,
      );
      // The job has its file now: nothing here may remove it any more.
      this.job = undefined;
      this.report({ phase: 'done', jobId: job.jobId });
    } catch (error) {
      // A cancelled attempt was reported by cancel(); a superseded one is no longer on screen.
      if (error instanceof UploadCancelled || attempt.signal.aborted || attempt !== this.attempt) return;
      const refused = isApiError(error) && REFUSED_FILE_STATUSES.includes(error.status);
      this.report({ phase: 'failed', message: messageOf(error), canRetry: !refused });
    }
  }

  cancel(): void {
    this.discard();
    this.report({ phase: 'cancelled' });
  }

  /** Stops any upload and removes the job still waiting for this file, quietly: the file is no longer wanted. */
  discard(): void {
    this.attempt?.abort();
    this.forgetJob();
  }

  private async jobToUploadTo(signal: AbortSignal): Promise<CreateJobResponse> {
    if (this.job && Date.parse(this.job.expiresAt) - this.deps.nowMs() > FORM_REUSE_MARGIN_MS) return this.job;
    if (this.job) {
      this.report({ phase: 'creating' });
      const renewed = await this.deps.renewUpload(this.job.jobId).catch(() => undefined);
      if (renewed) return (this.job = renewed);
    }
    this.forgetJob();
    this.report({ phase: 'creating' });
    const job = await this.deps.createJob({ fileName: this.file.name, contentType: this.file.contentType, sizeBytes: this.file.blob.size });
    this.job = job;
    if (signal.aborted) {
      this.forgetJob();
      throw new UploadCancelled();
    }
    return job;
  }

  /** A job that will never get its file only clutters the list; removing it is worth a try, not an error. */
  private forgetJob() {
    const job = this.job;
    this.job = undefined;
    if (job) this.deps.deleteJob(job.jobId).catch(() => undefined);
  }
}
