import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

export type StageName = 'dev' | 'prod';

/** What differs between stages, decided in one place. */
export interface StageSettings {
  readonly name: StageName;
  /** dev tears down cleanly; prod keeps data (uploads, artifacts, jobs, users, keys, logs) when the stack goes. */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  readonly uploadRetentionDays: number;
  /** A job's record (by the table's TTL) and its artifacts (by the bucket's lifecycle) go together. */
  readonly jobRetentionDays: number;
  readonly notesConcurrency: number;
  /** Requests per second the API's stage takes from all callers together, and the burst it absorbs above that. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
}

const STAGES: Record<StageName, StageSettings> = {
  dev: {
    name: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    logRetention: logs.RetentionDays.ONE_WEEK,
    uploadRetentionDays: 3,
    jobRetentionDays: 30,
    notesConcurrency: 10,
    apiThrottle: { rateLimit: 10, burstLimit: 20 },
  },
  prod: {
    name: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    logRetention: logs.RetentionDays.THREE_MONTHS,
    uploadRetentionDays: 30,
    jobRetentionDays: 90,
    notesConcurrency: 20,
    apiThrottle: { rateLimit: 200, burstLimit: 400 },
  },
};

/** The stage named by `-c stage=...` (dev when none is given). */
export function stageSettings(name: unknown): StageSettings {
  const stage = name ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`Unknown stage "${String(stage)}": use -c stage=dev or -c stage=prod.`);
  return STAGES[stage];
}
