import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isTerminal } from '../../../shared/domain/job-status-rules';
import { NOTES_STYLES } from '../../../shared/domain/notes-styles';

/* When a job someone started in this tab ends while the tab is in the background, the browser
   says so. What follows decides when, and with which words; finish-notifications.ts shows it. */

/** What the browser lets the page do; `unsupported` where it has no Notification API. */
export type NoticePermission = NotificationPermission | 'unsupported';

export interface FinishNotice {
  title: string;
  body: string;
  /** One notice per job and version: a later one replaces it rather than piling up. */
  tag: string;
}

/** What the page knows of a job between two looks at it. */
export type JobSighting = Pick<JobStatusDocument, 'jobId' | 'fileName' | 'status' | 'error' | 'versions'>;

/** Permission is asked once the user has started a job, and only while the browser has not been answered. */
export const shouldAskPermission = (permission: NoticePermission) => permission === 'default';

/** The end of a job started in this tab is announced only while the tab is hidden, and only when allowed: on screen, the page shows it. */
export const shouldNotify = ({ hidden, permission }: { hidden: boolean; permission: NoticePermission }) => hidden && permission === 'granted';

/** A later version of the notes (version 1 is the job itself) that ended between the two looks. */
function endedVersion(before: JobSighting, after: JobSighting) {
  return after.versions.find((version) => {
    if (version.version === 1 || !isTerminal(version.status)) return false;
    const earlier = before.versions.find((candidate) => candidate.version === version.version);
    return earlier !== undefined && !isTerminal(earlier.status);
  });
}

/** What ended between two looks at a job, the job itself or a new version of its notes, as a notice; nothing when nothing ended. */
export function finishNoticeBetween(before: JobSighting, after: JobSighting): FinishNotice | undefined {
  if (!isTerminal(before.status) && isTerminal(after.status)) {
    return after.status === 'completed'
      ? { title: `Notes ready: ${after.fileName}`, body: 'The notes of your lecture are written. Open them to read and study.', tag: after.jobId }
      : { title: `No notes: ${after.fileName}`, body: after.error?.message ?? 'The job failed without saying why. Open it to retry.', tag: after.jobId };
  }
  const version = endedVersion(before, after);
  if (!version) return undefined;
  const name = `version ${version.version} (${NOTES_STYLES[version.style].label})`;
  return version.status === 'completed'
    ? { title: `Notes ready: ${after.fileName}`, body: `The new ${name} is written.`, tag: `${after.jobId}#${version.version}` }
    : { title: `No new version: ${after.fileName}`, body: `The ${name} could not be written: ${version.error?.message ?? 'no reason was recorded'}.`, tag: `${after.jobId}#${version.version}` };
}

/** Whether anything about the job can still end: the job, or a version being written. */
export const stillUnderWay = (job: JobSighting) => !isTerminal(job.status) || job.versions.some((version) => !isTerminal(version.status));
