import { useEffect, useState } from 'preact/hooks';
import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isApiError, type ApiClient } from '../../../shared/contracts/api-client';
import { messageOf } from '../ui/error-message';
import { finishNoticeDue, noteJobSeen } from './finish-notifications';
import { browserPolling, startJobPoller } from './job-poller';

export interface WatchedJob {
  job: JobStatusDocument | undefined;
  /** The last poll failed and another follows in `retryInMs`; cleared by the next answer. */
  connectionProblem: { message: string; retryInMs: number } | undefined;
  /** Polling stopped for good: the job does not exist for this user, or the session ended. */
  finalError: string | undefined;
}

/** Not found, or not theirs (the API answers both alike), or signed out: waiting changes none of them. */
const isFinalError = (error: unknown) => isApiError(error, 404) || isApiError(error, 401) || isApiError(error, 403);

/**
 * A job kept up to date by polling until it ends. `followAgain` takes the job as a retry reopened
 * it, shows it at once and polls again.
 */
export function useJob(api: ApiClient, jobId: string): WatchedJob & { followAgain: (job: JobStatusDocument) => void } {
  const [watched, setWatched] = useState<WatchedJob>({ job: undefined, connectionProblem: undefined, finalError: undefined });
  const [generation, setGeneration] = useState(0);
  const followAgain = (job: JobStatusDocument) => {
    setWatched({ job, connectionProblem: undefined, finalError: undefined });
    setGeneration((value) => value + 1);
  };

  useEffect(() => {
    setWatched((previous) => ({ job: previous.job?.jobId === jobId ? previous.job : undefined, connectionProblem: undefined, finalError: undefined }));
    const poller = startJobPoller({
      ...browserPolling,
      fetchJob: () => api.getJob(jobId),
      onJob: (job) => {
        noteJobSeen(job);
        setWatched({ job, connectionProblem: undefined, finalError: undefined });
      },
      onError: (error, retryInMs) =>
        setWatched((previous) => ({
          ...previous,
          ...(retryInMs === undefined ? { finalError: messageOf(error) } : { connectionProblem: { message: messageOf(error), retryInMs } }),
        })),
      isFinalError,
      pollWhileHidden: () => finishNoticeDue(jobId),
    });
    return () => poller.stop();
  }, [api, jobId, generation]);

  return { ...watched, followAgain };
}
