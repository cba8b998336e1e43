import type { JobStatus } from '../../../shared/contracts/job-status';

/** Each status as the person waiting for their notes would put it. */
export const STAGE_WORDS: Record<JobStatus, string> = {
  awaiting_upload: 'Waiting for the file',
  queued: 'Queued',
  transcribing: 'Transcribing the recording',
  chunking: 'Splitting the transcript into parts',
  generating_notes: 'Writing notes',
  merging: 'Putting the notes together',
  completed: 'Notes ready',
  failed: 'Failed',
};

/** The short form for lists and badges. */
export const STATUS_LABELS: Record<JobStatus, string> = {
  awaiting_upload: 'Not uploaded',
  queued: 'Queued',
  transcribing: 'Transcribing',
  chunking: 'Preparing',
  generating_notes: 'Writing notes',
  merging: 'Finishing',
  completed: 'Ready',
  failed: 'Failed',
};
