import type { z } from 'zod';
import type { ObjectStore } from '../../shared/ports/object-store';

/** Artifacts are read back through their schema: a stored file that drifted from its contract fails loudly, naming the key. */
export async function readStoredJson<Schema extends z.ZodType>(objects: ObjectStore, key: string, schema: Schema): Promise<z.infer<Schema>> {
  const text = await objects.getText(key);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Stored object ${key} does not match its contract: ${parsed.error.message}`);
  return parsed.data;
}

export const writeStoredJson = (objects: ObjectStore, key: string, value: unknown) =>
  objects.putText(key, JSON.stringify(value), 'application/json');
