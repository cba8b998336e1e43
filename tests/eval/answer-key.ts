import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/*
 * What a person who knows the lecture expects its notes to hold, written by hand for each
 * evaluation lecture. Terms and mentions are compared after normalising case, punctuation and
 * simple plurals (see score-notes.ts), so write them as the lecturer says them.
 */

const Phrase = z.string().trim().min(1);

export const KeyTermSchema = z.object({
  term: Phrase,
  /** Other names the lecture uses for the same thing ("2PL", "type one error"). */
  alternates: z.array(Phrase).default([]),
});
export type KeyTerm = z.infer<typeof KeyTermSchema>;

export const KeyDefinitionSchema = z.object({
  term: Phrase,
  alternates: z.array(Phrase).default([]),
  /** Words a correct definition contains: at least half of them must appear in the notes' one. */
  mentions: z.array(Phrase).min(1),
});
export type KeyDefinition = z.infer<typeof KeyDefinitionSchema>;

export const KeyActionItemSchema = z.object({
  /** Words the notes' action item (task and due together) must contain, at least half of them. */
  mentions: z.array(Phrase).min(1),
});
export type KeyActionItem = z.infer<typeof KeyActionItemSchema>;

export const AnswerKeySchema = z.object({
  title: Phrase,
  /** The lecture's own vocabulary: what a student must know afterwards, not everyday nouns. */
  keyTerms: z.array(KeyTermSchema).min(1),
  definitions: z.array(KeyDefinitionSchema).min(1),
  /** Seconds where the lecturer turns to a new topic, the first topic included, in order. */
  sectionStarts: z
    .array(z.number().nonnegative())
    .min(1)
    .refine((starts) => starts.every((start, index) => index === 0 || start > starts[index - 1]!), {
      message: 'section starts must be in increasing order',
    }),
  actionItems: z.array(KeyActionItemSchema).default([]),
});
export type AnswerKey = z.infer<typeof AnswerKeySchema>;

export async function readAnswerKey(path: string): Promise<AnswerKey> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = AnswerKeySchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a valid answer key: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
