import { useEffect, useState } from 'preact/hooks';
import type { JobStatusDocument } from '../../../shared/contracts/api';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { STATUS_WORDS } from '../../../shared/domain/status-words';
import { formatClock } from '../../../shared/domain/time-formats';
import { NotesView } from '../notes/notes-view';
import { messageOf } from '../ui/error-message';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { JobCost } from './job-cost';
import { JobDone, JobProgress } from './job-progress';
import { followFinish, offerFinishNotice } from './finish-notifications';
import { useJob } from './use-job';
import './job-page.css';

function FailedJob({ api, job, onRetried }: { api: ApiClient; job: JobStatusDocument; onRetried: (reopened: JobStatusDocument) => void }) {
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string>();
  const retry = async () => {
    setRetrying(true);
    setRetryError(undefined);
    offerFinishNotice();
    try {
      const reopened = await api.retryJob(job.jobId);
      followFinish(reopened);
      onRetried(reopened);
    } catch (error) {
      setRetryError(messageOf(error));
    } finally {
      setRetrying(false);
    }
  };
  return (
    <section class="card job-failed" aria-labelledby="failed-title">
      <h2 id="failed-title">No notes this time</h2>
      {job.error && <p class="failure-stage">Stopped at the stage “{STATUS_WORDS[job.error.stage].label}”.</p>}
      <Notice tone="error">{job.error?.message ?? 'The job failed without saying why.'}</Notice>
      <p class="hint">Retrying picks up from where it stopped: nothing is uploaded or transcribed twice.</p>
      <div class="actions">
        <button type="button" class="button button-primary" onClick={retry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
        <a class="button" href="#/">
          Upload another file
        </a>
      </div>
      {retryError && <Notice tone="error">{retryError}</Notice>}
    </section>
  );
}

/** One lecture at its own address (#/jobs/{jobId}): progress while it runs, the notes when done, the reason and a retry when it failed. */
export function JobPage({ api, jobId }: { api: ApiClient; jobId: string }) {
  const { job, connectionProblem, finalError, followAgain } = useJob(api, jobId);

  useEffect(() => {
    if (job && job.status !== 'completed') document.title = `${job.fileName} · Lecture Notes`;
  }, [job?.fileName, job?.status]);

  const back = (
    <a class="back-link" href="#/">
      ← All lectures
    </a>
  );
  if (finalError) {
    return (
      <div class="page">
        {back}
        <h1>Lecture not found</h1>
        <Notice tone="error">{finalError}</Notice>
      </div>
    );
  }
  if (!job) {
    return (
      <div class="page">
        {back}
        <p class="loading" role="status">
          Loading the lecture…
        </p>
      </div>
    );
  }

  return (
    <div class="page job-page">
      <div class="job-bar">
        {back}
        <div class="job-facts">
          <p class="job-file">
            {job.status === 'completed' && <span class="job-file-name">{job.fileName}</span>}
            <StatusBadge status={job.status} />
            {job.usage.audioSeconds > 0 && <span class="job-file-length">{formatClock(job.usage.audioSeconds)} recording</span>}
          </p>
          {job.cost.totalUsd > 0 && <JobCost cost={job.cost} />}
        </div>
      </div>
      {job.status === 'completed' ? (
        <NotesView api={api} jobId={job.jobId} sourceKind={job.sourceKind} status={<JobDone job={job} />} versions={job.versions} />
      ) : (
        <>
          <h1 class="job-title">{job.fileName}</h1>
          {job.status === 'failed' ? <FailedJob api={api} job={job} onRetried={followAgain} /> : <JobProgress job={job} />}
          <div class="connection-line" aria-live="polite">
            {connectionProblem && `${connectionProblem.message} Trying again in ${Math.round(connectionProblem.retryInMs / 1000)} s.`}
          </div>
        </>
      )}
    </div>
  );
}
