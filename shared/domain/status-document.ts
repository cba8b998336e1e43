import type { JobStatusDocument } from '../contracts/api';
import type { JobRecord } from '../contracts/job';
import { costLedger, type CostRates } from './job-cost';
import { versionsOf } from './notes-versions';

/** The job as its owner sees it: no internal keys, no owner id. */
export const statusDocumentOf = (job: JobRecord, rates: CostRates): JobStatusDocument => ({
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
  cost: costLedger(job.usage, rates),
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
