import type { JobMetrics } from '../../shared/ports/job-metrics';

/** Where no metrics service listens (the local runtime): the events are dropped. */
export class UnrecordedJobMetrics implements JobMetrics {
  jobStarted(): void {}
  jobCompleted(): void {}
  jobFailed(): void {}
  audioTranscribed(): void {}
  tokensUsed(): void {}
  publish(): void {}
}
