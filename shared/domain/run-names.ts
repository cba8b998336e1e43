/**
 * The execution name of a job's attempt: the same job and attempt always give
 * the same name, so Step Functions itself refuses a second run of them.
 * A UUID and the suffix stay well inside the service's 80 characters.
 */
export const runName = (jobId: string, attempt: number) => `${jobId}-attempt-${attempt}`;

/** The job and attempt a run was named after; undefined for a name runName did not make. */
export function parseRunName(name: string): { jobId: string; attempt: number } | undefined {
  if (parseVersionRunName(name)) return undefined;
  const match = /^(.+)-attempt-([1-9]\d*)$/.exec(name);
  return match ? { jobId: match[1]!, attempt: Number(match[2]) } : undefined;
}

/**
 * The execution name of a later version of a job's notes: one run per
 * version and attempt, however often its POST or event is repeated. The first
 * attempt keeps the name versions had before they could be retried.
 */
export const versionRunName = (jobId: string, version: number, attempt: number) =>
  attempt === 1 ? `${jobId}-version-${version}` : `${jobId}-version-${version}-attempt-${attempt}`;

/** The job, version and attempt a version's run was named after; undefined for any other name. */
export function parseVersionRunName(name: string): { jobId: string; version: number; attempt: number } | undefined {
  const match = /^(.+)-version-([1-9]\d*)(?:-attempt-([1-9]\d*))?$/.exec(name);
  return match ? { jobId: match[1]!, version: Number(match[2]), attempt: Number(match[3] ?? 1) } : undefined;
}
