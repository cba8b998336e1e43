/**
 * The execution name of a job's attempt: the same job and attempt always give
 * the same name, so Step Functions itself refuses a second run of them.
 * A UUID and the suffix stay well inside the service's 80 characters.
 */
export const runName = (jobId: string, attempt: number) => `${jobId}-attempt-${attempt}`;

/** The job and attempt a run was named after; undefined for a name runName did not make. */
export function parseRunName(name: string): { jobId: string; attempt: number } | undefined {
  const match = /^(.+)-attempt-([1-9]\d*)$/.exec(name);
  return match ? { jobId: match[1]!, attempt: Number(match[2]) } : undefined;
}

/**
 * The execution name of a later version of a job's notes: one run per
 * version, however often its POST or event is repeated.
 */
export const versionRunName = (jobId: string, version: number) => `${jobId}-version-${version}`;

/** The job and version a version's run was named after; undefined for any other name. */
export function parseVersionRunName(name: string): { jobId: string; version: number } | undefined {
  const match = /^(.+)-version-([1-9]\d*)$/.exec(name);
  return match ? { jobId: match[1]!, version: Number(match[2]) } : undefined;
}
