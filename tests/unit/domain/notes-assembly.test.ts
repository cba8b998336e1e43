import { describe, expect, it } from 'vitest';
import { LectureNotesSchema, type NotesReduction } from '../../../shared/contracts/notes';
import { assembleNotes, reducerUsageOf } from '../../../shared/domain/notes-assembly';
import { mergedWithTinyLastChunk } from '../../fixtures/merged-notes';

const GENERATED_AT = '2030-05-04T10:00:00.000Z';
const REDUCER_USAGE = { inputTokens: 700, outputTokens: 120 };

const merged = mergedWithTinyLastChunk();
const reduction: NotesReduction = {
  title: 'Thermodynamics: from systems to heat engines',
  overview: 'The lecture defines systems. It states the first law. It introduces entropy. It ends with heat engines.',
  sectionTitles: ['Systems and surroundings', 'Energy is conserved', 'Entropy', 'Heat engines', 'Closing remarks'],
  reviewQuestions: [{ question: 'State the first law.', answer: 'Energy is conserved.', at: 630 }],
};
const assemble = (overrides: Partial<NotesReduction> = {}) =>
  assembleNotes(merged, { ...reduction, ...overrides }, { reducerUsage: REDUCER_USAGE, caveats: ['a caveat'], generatedAt: GENERATED_AT });

describe('assembleNotes', () => {
  it('takes title, overview and review questions from the reduction, and renames the sections one to one', () => {
    const notes = assemble();

    expect(LectureNotesSchema.parse(notes)).toEqual(notes);
    expect(notes).toMatchObject({ jobId: merged.jobId, title: reduction.title, overview: reduction.overview, reviewQuestions: reduction.reviewQuestions });
    expect(notes.sections.map((section) => section.title)).toEqual(reduction.sectionTitles);
    expect(notes.sections.map(({ start, end }) => [start, end])).toEqual(merged.sections.map(({ start, end }) => [start, end]));
  });

  it("keeps every section's content, the glossary and the action items from the merge, so a tiny last chunk cannot wipe out what earlier chunks found", () => {
    const notes = assemble();

    expect(notes.sections).toHaveLength(5);
    notes.sections.forEach((section, index) => expect({ ...section, title: merged.sections[index]!.title }).toEqual(merged.sections[index]));
    expect(notes.sections[0]!.formulas).toEqual(merged.sections[0]!.formulas);
    expect(notes.glossary).toEqual(merged.glossary);
    expect(notes.actionItems).toEqual(merged.actionItems);
  });

  it('says where the notes come from, what is weaker, when they were made, and what chunks and reduce cost together', () => {
    const notes = assemble();

    expect(notes.source).toEqual(merged.source);
    expect(notes.caveats).toEqual(['a caveat']);
    expect(notes.generatedAt).toBe(GENERATED_AT);
    expect(notes.usage).toEqual({ inputTokens: 4_700, outputTokens: 1_020 });
    expect(reducerUsageOf(notes, merged)).toEqual(REDUCER_USAGE);
  });

  it('refuses a reduction that does not name every section, saying how many it named', () => {
    expect(() => assemble({ sectionTitles: ['Closing remarks'] })).toThrow(/names 1 sections, but the merged notes have 5/);
  });
});
