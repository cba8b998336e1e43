import * as z from 'zod';

/** The stages a job passes through, in the order it passes through them. */
export const JOB_STATUSES = [
  'awaiting_upload',
  'queued',
  'transcribing',
  'chunking',
  'generating_notes',
  'merging',
  'completed',
  'failed',
] as const;

export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed'];
