import type { JobStatusDocument } from '../contracts/api';
import type { JobRecord } from '../contracts/job';
import { estimateCostUsd, type Prices } from './job-cost';
import { versionsOf } from './notes-versions';

/** The job as its owner sees it: no internal keys, no owner id. */
export const statusDocumentOf = (job: JobRecord, prices: Prices): JobStatusDocument => ({
  jobId: job.jobId,
  status: job.status,
  progress: job.progress,
  chunks: { done: job.chunksDone, total: job.chunksTotal },
  fileName: job.fileName,
  sourceKind: job.sourceKind,
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
  stageTimes: job.stageTimes,
  usage: job.usage,
  estimatedCostUsd: estimateCostUsd(job.usage, prices),
  ...(job.error && { error: { message: job.error.message, stage: job.error.stage } }),
  notesReady: job.status === 'completed',
  versions: versionsOf(job).map(({ version, style, instructions, status, progress, createdAt, error }) => ({
    version,
    style,
    ...(instructions !== undefined && { instructions }),
    status,
    progress,
    createdAt,
    ...(error && { error: { message: error.message, stage: error.stage } }),
    notesReady: status === 'completed',
  })),
});
