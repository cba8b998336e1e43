import type { JobRecord } from '../../shared/contracts/job';
import type { JobRepository } from '../../shared/ports/job-repository';
import { HttpError } from './http';

/** Someone else's job answers exactly like a missing one: its existence is not theirs to learn. */
export async function ownedJob(jobs: JobRepository, jobId: string, caller: string): Promise<JobRecord> {
  const job = await jobs.get(jobId);
  if (!job || job.owner !== caller) throw new HttpError(404, 'JobNotFound', `There is no job ${jobId}.`);
  return job;
}
