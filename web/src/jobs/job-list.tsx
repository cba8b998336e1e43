import { useEffect, useState } from 'preact/hooks';
import type { JobStatusDocument } from '../../../shared/contracts/api';
import { isRunning } from '../../../shared/domain/job-status-rules';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { messageOf } from '../ui/error-message';
import { hashFor } from '../routing/routes';
import { describeWhen } from '../ui/format';
import { Notice } from '../ui/notice';
import { ProgressBar } from '../ui/progress-bar';
import { StatusBadge } from '../ui/status-badge';
import './job-list.css';

type Listed = { state: 'loading' } | { state: 'ready'; jobs: JobStatusDocument[] } | { state: 'failed'; message: string };

function JobRow({ job, nowMs }: { job: JobStatusDocument; nowMs: number }) {
  return (
    <li class="job-row">
      <a class="job-row-link" href={hashFor({ page: 'job', jobId: job.jobId })}>
        <span class="job-row-name">{job.fileName}</span>
        <span class="job-row-when">
          <time dateTime={job.createdAt}>{describeWhen(job.createdAt, nowMs)}</time>
        </span>
      </a>
      <span class="job-row-status">
        {isRunning(job.status) ? <ProgressBar label={`${job.fileName}: progress`} value={job.progress} /> : null}
        <StatusBadge status={job.status} />
      </span>
    </li>
  );
}

/** The signed-in user's recent lectures, newest first, as the API lists them. */
export function JobList({ api }: { api: ApiClient }) {
  const [listed, setListed] = useState<Listed>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    api.listJobs().then(
      ({ jobs }) => current && setListed({ state: 'ready', jobs }),
      (error: unknown) => current && setListed({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section class="card job-list" aria-labelledby="job-list-title">
      <h2 id="job-list-title">Your lectures</h2>
      {listed.state === 'loading' && (
        <p class="loading" role="status">
          Loading your lectures…
        </p>
      )}
      {listed.state === 'failed' && <Notice tone="error">{listed.message}</Notice>}
      {listed.state === 'ready' && listed.jobs.length === 0 && <p class="empty">No lectures yet. Notes you make appear here.</p>}
      {listed.state === 'ready' && listed.jobs.length > 0 && (
        <ul class="job-rows">
          {listed.jobs.map((job) => (
            <JobRow key={job.jobId} job={job} nowMs={Date.now()} />
          ))}
        </ul>
      )}
    </section>
  );
}
