import type { JobStatus } from '../contracts/job-status';

/** The words for one status; every client and message takes them from here. */
export interface StatusWords {
  /** What the job is doing, as the line beside its progress: "Transcribing the recording". */
  stage: string;
  /** The short form for lists and badges: "Transcribing". */
  label: string;
  /** The stage as a noun phrase after "during" in failure messages: "transcription". */
  during: string;
}

/** Each status as the person waiting for their notes would put it, in the CLI, on the web page and in messages. */
export const STATUS_WORDS: Record<JobStatus, StatusWords> = {
  // Also while the upload's storage event is on its way: the pipeline has not seen the file yet.
  awaiting_upload: { stage: 'Waiting for the upload', label: 'Not uploaded', during: 'waiting for the upload' },
  queued: { stage: 'Queued', label: 'Queued', during: 'checking the upload' },
  transcribing: { stage: 'Transcribing the recording', label: 'Transcribing', during: 'transcription' },
  chunking: { stage: 'Splitting the transcript into parts', label: 'Preparing', during: 'splitting the transcript' },
  generating_notes: { stage: 'Writing notes', label: 'Writing notes', during: 'writing the notes' },
  merging: { stage: 'Putting the notes together', label: 'Finishing', during: 'assembling the notes' },
  completed: { stage: 'Notes ready', label: 'Ready', during: 'finishing' },
  failed: { stage: 'Failed', label: 'Failed', during: 'finishing' },
};

/** The status inside a sentence: "the job is still ${statusInSentence(status)}". */
export const statusInSentence = (status: JobStatus): string => STATUS_WORDS[status].label.toLowerCase();
