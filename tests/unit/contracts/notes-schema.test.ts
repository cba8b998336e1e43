import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChunkNotesSchema, LectureNotesSchema, MergedNotesSchema, NotesReductionSchema } from '../../../shared/contracts/notes';

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; required?: string[] } & Record<string, unknown>;

/** Keywords strict structured outputs refuse, or that OpenAI-compatible servers handle unevenly. */
const REFUSED_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'default'];

/** Objects inside objects, the root counting one: what OpenAI's structured outputs cap at five. */
function objectDepth(schema: JsonSchema): number {
  const children = [...Object.values(schema.properties ?? {}), ...(schema.items ? [schema.items] : [])];
  const deepest = Math.max(0, ...children.map(objectDepth));
  return schema.type === 'object' ? deepest + 1 : deepest;
}

/** Every object's fields required, no unions, no constraints: what strict structured outputs accept. */
function strictProblems(schema: JsonSchema, path = '$'): string[] {
  const own = REFUSED_KEYWORDS.filter((keyword) => keyword in schema).map((keyword) => `${path} has ${keyword}`);
  if (schema.type === 'object') {
    const optional = Object.keys(schema.properties ?? {}).filter((name) => !schema.required?.includes(name));
    own.push(...optional.map((name) => `${path}.${name} is optional`));
  }
  return [
    ...own,
    ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) => strictProblems(child, `${path}.${name}`)),
    ...(schema.items ? strictProblems(schema.items, `${path}[]`) : []),
  ];
}

const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema) as JsonSchema;

describe('notes schemas', () => {
  it.each([
    ['chunk notes', ChunkNotesSchema],
    ['the reduction', NotesReductionSchema],
  ])('%s, which the model is asked for, fit strict structured outputs', (_name, schema) => {
    expect(strictProblems(jsonSchemaOf(schema))).toEqual([]);
  });

  it.each([
    ['chunk notes', ChunkNotesSchema],
    ['the reduction', NotesReductionSchema],
    ['merged notes', MergedNotesSchema],
    ['lecture notes', LectureNotesSchema],
  ])('%s nest objects at most five deep', (_name, schema) => {
    expect(objectDepth(jsonSchemaOf(schema))).toBeLessThanOrEqual(5);
  });

  it('counts nesting the way the cap does: a section list is three objects deep', () => {
    expect(objectDepth(jsonSchemaOf(ChunkNotesSchema))).toBe(3);
  });
});
