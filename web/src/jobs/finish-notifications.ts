import { hashFor } from '../routing/routes';
import { finishNoticeBetween, shouldAskPermission, shouldNotify, stillUnderWay, type JobSighting, type NoticePermission } from './finish-notice';

/* The browser's side of the finish notice (decided in finish-notice.ts): the jobs this tab
   started, as last seen, and the Notification API. Only in this tab and this page's lifetime:
   a job started elsewhere, or before a reload, is not announced. */

/** Jobs started in this tab and not yet ended, as last seen. */
const started = new Map<string, JobSighting>();

const permission = (): NoticePermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * On the user's own start of a job (the click that uploads, retries or asks for a version, so the
 * browser sees a gesture): asks whether the page may say when it ends, if the browser has never
 * been answered. Never on page load.
 */
export function offerFinishNotice(): void {
  if (!shouldAskPermission(permission())) return;
  // A refusal or a dismissed prompt is the user's answer; nothing to report.
  Notification.requestPermission().catch(() => undefined);
}

/** Follows a job this tab has just started: `seen` as the start left it, or just its name for an upload that has only arrived. */
export function followFinish(seen: JobSighting | { jobId: string; fileName: string }): void {
  started.set(seen.jobId, 'status' in seen ? seen : { ...seen, status: 'queued', versions: [] });
}

/** Whether a notice of this job's end may still be due, so a hidden tab should keep asking about it. */
export const finishNoticeDue = (jobId: string) => started.has(jobId) && permission() === 'granted';

/** Every answer about a job goes through here: when it shows the end of a job this tab started while the tab is hidden, the browser says so. */
export function noteJobSeen(job: JobSighting): void {
  const before = started.get(job.jobId);
  if (!before) return;
  if (stillUnderWay(job)) started.set(job.jobId, job);
  else started.delete(job.jobId);
  const notice = finishNoticeBetween(before, job);
  if (!notice || !shouldNotify({ hidden: document.visibilityState === 'hidden', permission: permission() })) return;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.onclick = () => {
    window.focus();
    window.location.hash = hashFor({ page: 'job', jobId: job.jobId });
    notification.close();
  };
}
