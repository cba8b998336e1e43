/**
 * The execution name of a job's attempt: the same job and attempt always give
 * the same name, so Step Functions itself refuses a second run of them.
 * A UUID and the suffix stay well inside the service's 80 characters.
 */
export const runName = (jobId: string, attempt: number) => `${jobId}-attempt-${attempt}`;
