import type { JobFailure, JobRecord, NotesRequest } from '../contracts/job';
import type { JobStatus } from '../contracts/job-status';
import { generationProgress, progressOnEntering } from './job-status-rules';
import { DEFAULT_NOTES_STYLE } from './notes-styles';

/** One version of a job's notes, however it is stored: version 1 is the job itself, later ones its version records. */
export interface NotesVersionView extends NotesRequest {
  version: number;
  status: JobStatus;
  progress: number;
  createdAt: string;
  notes?: string;
  notesMarkdown?: string;
  error?: JobFailure;
}

/** Every version of the job's notes, oldest first. */
export function versionsOf(job: JobRecord): NotesVersionView[] {
  const first: NotesVersionView = {
    version: 1,
    style: job.style ?? DEFAULT_NOTES_STYLE,
    status: job.status,
    progress: job.progress,
    createdAt: job.createdAt,
    ...(job.artifacts.notes && { notes: job.artifacts.notes }),
    ...(job.artifacts.notesMarkdown && { notesMarkdown: job.artifacts.notesMarkdown }),
    ...(job.error && { error: job.error }),
  };
  const later = Object.values(job.versions ?? {}).map(
    ({ version, style, instructions, status, createdAt, chunksDone, chunksTotal, notes, notesMarkdown, error }): NotesVersionView => ({
      version,
      style,
      ...(instructions !== undefined && { instructions }),
      status,
      // A version counts its chunks but stores no bar: its progress is where its stage and chunks put it.
      progress: status === 'generating_notes' ? generationProgress(chunksDone, chunksTotal) : (progressOnEntering(status) ?? 0),
      createdAt,
      ...(notes && { notes }),
      ...(notesMarkdown && { notesMarkdown }),
      ...(error && { error }),
    }),
  );
  return [first, ...later.sort((a, b) => a.version - b.version)];
}

/** The notes a reader gets without asking for a version: the newest that is finished. */
export const latestCompletedVersion = (job: JobRecord): NotesVersionView | undefined =>
  versionsOf(job).filter((version) => version.status === 'completed').at(-1);
