import type { z } from 'zod';
import { describeIssues } from '../../shared/contracts/schema-issues';

/**
 * A step's input comes from the state machine definition, not from users: a
 * mismatch is a defect in the definition, reported with the step and the path.
 */
export function parseStepInput<Schema extends z.ZodType>(step: string, schema: Schema, event: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(event);
  if (parsed.success) return parsed.data;
  const error = new Error(`${step} received input that does not match its contract: ${describeIssues(parsed.error, 'the input')}`);
  error.name = 'InvalidStepInput';
  throw error;
}
