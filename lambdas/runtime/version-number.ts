import type { JobRecord } from '../../shared/contracts/job';
import { versionsOf } from '../../shared/domain/notes-versions';
import { HttpError } from './http';

/** A version of the notes as a request names it (`?version=`, `{version}`): a number, or a 400 saying so. */
export function versionNumberOf(asked: string): number {
  if (!/^[1-9]\d{0,5}$/.test(asked)) {
    throw new HttpError(400, 'InvalidRequest', `version must be a version number (1, 2, ...); got "${asked.slice(0, 20)}".`);
  }
  return Number(asked);
}

/** The 404 for a version the job does not have. */
export const versionNotFound = (job: JobRecord, version: number) =>
  new HttpError(404, 'VersionNotFound', `Job ${job.jobId} has ${versionsOf(job).length} version(s) of its notes; there is no version ${version}.`);
