import type { z } from 'zod';

/**
 * A step's input comes from the state machine definition, not from users: a
 * mismatch is a defect in the definition, reported with the step and the path.
 */
export function parseStepInput<Schema extends z.ZodType>(step: string, schema: Schema, event: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(event);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  const error = new Error(`${step} received input that does not match its contract: ${problems}`);
  error.name = 'InvalidStepInput';
  throw error;
}
