import * as z from 'zod';
import type { AwsUsage } from '../../shared/contracts/job';
import { transitionsOf } from '../../shared/domain/pipeline-transitions';
import type { JobRepository } from '../../shared/ports/job-repository';
import { countingRequests, emptyTally } from '../adapters/aws-request-tally';
import { jobLogger } from './powertools';

/** The function an invocation runs in: its pipeline state and its memory, as the registry sizes it. */
export interface MeteredFunction {
  state: string;
  memoryMb: number;
}

/* Every pipeline step's input names its job in one of three places (shared/contracts/pipeline-state.ts). */
const StepInputJobSchema = z.union([
  z.object({ jobId: z.string().min(1) }),
  z.object({ job: z.object({ jobId: z.string().min(1) }) }),
  z.object({ run: z.object({ jobId: z.string().min(1) }) }),
]);

function jobIdOf(event: unknown): string | undefined {
  const parsed = StepInputJobSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const input = parsed.data;
  return 'jobId' in input ? input.jobId : 'job' in input ? input.job.jobId : input.run.jobId;
}

/**
 * Runs one invocation of a pipeline step and adds what it used to its job's
 * usage, in one atomic addition: a request and its billed duration (from
 * `since`, rounded up to the millisecond, as Lambda bills it; a cold start's
 * caller gives the process's start, as Lambda bills the init phase too) at the
 * function's memory, the state transitions it
 * accounts for, the S3 requests and DynamoDB units it took, and the units of
 * this write itself (as many as its largest write of the record, at least
 * one). Both runtimes meter this way. A retried step is metered again, as AWS
 * bills it again. Recording is best effort: the step's work is done, so a
 * failed usage write is logged, never thrown (that would retry the step).
 */
export async function metered<Result>(
  fn: MeteredFunction,
  jobs: JobRepository,
  event: unknown,
  run: () => Promise<Result>,
  { since = performance.now() }: { since?: number } = {},
): Promise<Result> {
  const jobId = jobIdOf(event);
  // A step whose input names no job fails its own validation; there is no job to charge.
  if (jobId === undefined) return run();
  const tally = emptyTally();
  let outcome: { succeeded: true; result: unknown } | { succeeded: false } = { succeeded: false };
  try {
    const result = await countingRequests(tally, run);
    outcome = { succeeded: true, result };
    return result;
  } finally {
    const billedMs = Math.ceil(performance.now() - since);
    try {
      const usage: AwsUsage = {
        stateTransitions: transitionsOf(fn.state, outcome),
        lambdaRequests: 1,
        lambdaMbMilliseconds: billedMs * fn.memoryMb,
        s3WriteRequests: tally.s3WriteRequests,
        s3ReadRequests: tally.s3ReadRequests,
        dynamoWriteUnits: tally.dynamoWriteUnits + Math.max(1, tally.largestDynamoWriteUnits),
        dynamoReadUnits: tally.dynamoReadUnits,
      };
      await jobs.addUsage(jobId, usage);
    } catch (error) {
      jobLogger(jobId).warn('The step\'s usage was not added to the job\'s cost ledger', { state: fn.state, error });
    }
  }
}
