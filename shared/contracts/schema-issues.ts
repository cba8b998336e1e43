import type { z } from 'zod';

/** A person fixes the first few problems first; the rest are counted, not listed. */
const LISTED_ISSUES = 3;

/**
 * What did not fit a schema, for a person to act on: "sizeBytes: Too small: expected number to
 * be >0; fileName: Required". `whole` names the value itself when the problem is at its root.
 */
export function describeIssues(error: z.ZodError, whole: string): string {
  const listed = error.issues.slice(0, LISTED_ISSUES).map((issue) => `${issue.path.join('.') || whole}: ${issue.message}`);
  const more = error.issues.length - listed.length;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}
