/**
 * No run of the notes pipeline may outlive this, whatever its steps do. The
 * state machine's own timeout (CDK) and the rule that fails an overdue job
 * (run-deadline.ts) both read it, so the two cannot drift apart.
 */
export const PIPELINE_TIMEOUT_SECONDS = 45 * 60;
