import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JobStatusDocument } from '../../shared/contracts/api';
import { TERMINAL_STATUSES } from '../../shared/contracts/job-status';
import { ApiClient } from '../../cli/api-client';

/** What a client saw of one job, from creation to its end. */
export interface LectureRun {
  jobId: string;
  final: JobStatusDocument;
  /** Every status document polled, in order. */
  updates: JobStatusDocument[];
}

/** Creates a job, uploads the file with a plain PUT to the presigned URL as a browser does, and polls until the job ends. */
export async function runLecture(apiUrl: string, file: { path: string; contentType: string; body?: Uint8Array<ArrayBuffer> }): Promise<LectureRun> {
  const api = new ApiClient(apiUrl);
  const body = file.body ?? new Uint8Array(await readFile(file.path));
  const created = await api.createJob({ fileName: basename(file.path), contentType: file.contentType, sizeBytes: body.byteLength });
  const upload = await fetch(created.upload.url, { method: created.upload.method, headers: created.upload.headers, body });
  if (!upload.ok) throw new Error(`Upload refused: ${upload.status} ${await upload.text()}`);
  const updates: JobStatusDocument[] = [];
  const deadline = Date.now() + 50_000;
  for (;;) {
    const job = await api.getJob(created.jobId);
    updates.push(job);
    if (TERMINAL_STATUSES.includes(job.status)) return { jobId: created.jobId, final: job, updates };
    if (Date.now() > deadline) throw new Error(`Job ${created.jobId} still ${job.status} after 50 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const isNonDecreasing = (values: number[]) => values.every((value, index) => index === 0 || value >= values[index - 1]!);
