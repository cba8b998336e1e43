import type { JobStatusDocument } from '../../../shared/contracts/api';
import { STATUS_WORDS } from '../../../shared/domain/status-words';
import { formatDuration } from '../../../shared/domain/time-formats';
import { ProgressBar } from '../ui/progress-bar';
import { describeTimeLeft } from '../ui/format';
import { useNow } from '../ui/use-now';
import { estimateSecondsLeft } from './time-left';
import './job-progress.css';

/** The job on its way: stage in words, the bar, chunks written and an estimate. Every line keeps its height while values change. */
export function JobProgress({ job }: { job: JobStatusDocument }) {
  const now = useNow(1000);
  const stage = STATUS_WORDS[job.status].stage;
  const chunks = job.chunks.total > 0 ? `${job.chunks.done} of ${job.chunks.total}` : 'Not counted yet';
  return (
    <section class="card job-progress" aria-labelledby="progress-title">
      <div class="job-progress-head">
        <h2 id="progress-title" class="job-stage">
          {stage}
        </h2>
        <span class="job-percent" aria-hidden="true">
          {Math.round(job.progress)}%
        </span>
      </div>
      <ProgressBar label="Making notes" value={job.progress} valueText={`${Math.round(job.progress)}%: ${stage}`} />
      <dl class="job-facts">
        <div>
          <dt>Parts written</dt>
          <dd>{chunks}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{job.status === 'awaiting_upload' ? 'Starts when the file arrives' : describeTimeLeft(estimateSecondsLeft(job, now))}</dd>
        </div>
      </dl>
    </section>
  );
}

const secondsBetween = (from: string | undefined, to: string | undefined) => (from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : Number.NaN);

/** A finished job in one line, over a full bar: how long it took and in how many parts. */
export function JobDone({ job }: { job: JobStatusDocument }) {
  const took = secondsBetween(job.stageTimes.queued ?? job.createdAt, job.stageTimes.completed ?? job.updatedAt);
  const facts = [Number.isFinite(took) ? `made in ${formatDuration(took)}` : '', job.chunks.total > 0 ? `${job.chunks.total} ${job.chunks.total === 1 ? 'part' : 'parts'}` : ''].filter(Boolean);
  return (
    <section class="job-done" aria-label="Progress">
      <p class="job-done-line">
        <span class="job-done-title">{STATUS_WORDS.completed.stage}</span>
        {facts.length > 0 && <span class="job-done-facts">{facts.join(' · ')}</span>}
      </p>
      <ProgressBar label="Making notes" value={100} valueText={`100%: ${STATUS_WORDS.completed.stage}`} tone="done" />
    </section>
  );
}
