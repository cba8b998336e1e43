import type { JobRecord } from '../../shared/contracts/job';
import type { JobRepository } from '../../shared/ports/job-repository';
import { HttpError } from './http';

/**
 * Job ids are UUIDs. A path segment that cannot be one names no job, and is answered as such
 * before it reaches the table: DynamoDB refuses keys over 2,048 bytes (a 500 otherwise), and the
 * message must not echo kilobytes of it back.
 */
const POSSIBLE_JOB_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Someone else's job answers exactly like a missing one: its existence is not theirs to learn. */
export async function ownedJob(jobs: JobRepository, jobId: string, caller: string): Promise<JobRecord> {
  if (!POSSIBLE_JOB_ID.test(jobId)) {
    throw new HttpError(404, 'JobNotFound', 'There is no job with that id: job ids are at most 64 letters, digits and hyphens.');
  }
  const job = await jobs.get(jobId);
  if (!job || job.owner !== caller) throw new HttpError(404, 'JobNotFound', `There is no job ${jobId}.`);
  return job;
}
