import type { JobStatus } from '../contracts/job-status';
import type { TokenUsage } from '../contracts/notes';

/** What the pipeline reports about jobs, for dashboards and alarms. */
export interface JobMetrics {
  jobStarted(): void;
  /** `stageSeconds`: how long the job spent in each stage it went through. */
  jobCompleted(stageSeconds: Partial<Record<JobStatus, number>>, totalSeconds: number): void;
  jobFailed(stage: JobStatus): void;
  audioTranscribed(seconds: number): void;
  tokensUsed(usage: TokenUsage): void;
  /** Sends what was recorded; called once at the end of every invocation. */
  publish(): void;
}
