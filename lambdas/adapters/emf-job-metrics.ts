import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { JobStatus } from '../../shared/contracts/job-status';
import type { TokenUsage } from '../../shared/contracts/notes';
import type { JobMetrics } from '../../shared/ports/job-metrics';

/** Job metrics as CloudWatch embedded metric format lines, through Powertools Metrics. */
export class EmfJobMetrics implements JobMetrics {
  constructor(private readonly metrics: Metrics) {}

  jobStarted(): void {
    this.metrics.addMetric('JobsStarted', MetricUnit.Count, 1);
  }

  jobCompleted(stageSeconds: Partial<Record<JobStatus, number>>, totalSeconds: number): void {
    this.metrics.addMetric('JobsCompleted', MetricUnit.Count, 1);
    this.metrics.addMetric('JobSeconds', MetricUnit.Seconds, totalSeconds);
    // One line per stage: each carries its own Stage dimension.
    for (const [stage, seconds] of Object.entries(stageSeconds)) {
      const single = this.metrics.singleMetric();
      single.addDimension('Stage', stage);
      single.addMetric('StageDurationSeconds', MetricUnit.Seconds, seconds);
    }
  }

  jobFailed(stage: JobStatus): void {
    this.metrics.addMetric('JobsFailed', MetricUnit.Count, 1);
    const single = this.metrics.singleMetric();
    single.addDimension('Stage', stage);
    single.addMetric('JobsFailedByStage', MetricUnit.Count, 1);
  }

  audioTranscribed(seconds: number): void {
    this.metrics.addMetric('AudioMinutes', MetricUnit.Count, seconds / 60);
  }

  tokensUsed(usage: TokenUsage): void {
    this.metrics.addMetric('InputTokens', MetricUnit.Count, usage.inputTokens);
    this.metrics.addMetric('OutputTokens', MetricUnit.Count, usage.outputTokens);
  }

  publish(): void {
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }
}
