import type { z } from 'zod';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { JobError } from '../../shared/domain/job-error';
import type { ObjectStore } from '../../shared/ports/object-store';

/**
 * Artifacts are read back through their schema: a stored file that drifted from its contract
 * (damaged, or not written by the pipeline) fails as StoredDataInvalid, naming the key, which
 * ends a pipeline run `failed` with that message and which routes answer as a 4xx.
 */
export async function readStoredJson<Schema extends z.ZodType>(objects: ObjectStore, key: string, schema: Schema): Promise<z.infer<Schema>> {
  const text = await objects.getText(key);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw storedDataInvalid(key, 'it is not JSON', error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw storedDataInvalid(key, `it does not match its format (${describeIssues(parsed.error, 'the document')})`, parsed.error);
  }
  return parsed.data;
}

const storedDataInvalid = (key: string, reason: string, cause: unknown) =>
  new JobError('StoredDataInvalid', `The stored file ${key} is damaged: ${reason}. Delete the job and upload the lecture again.`, { cause });

export const writeStoredJson = (objects: ObjectStore, key: string, value: unknown) =>
  objects.putText(key, JSON.stringify(value), 'application/json');
