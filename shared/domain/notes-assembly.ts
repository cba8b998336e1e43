import type { LectureNotes, MergedNotes, NotesReduction, TokenUsage } from '../contracts/notes';

/**
 * The lecture's notes from the merge and the reduction. What the chunks found
 * (sections, glossary, action items) always comes from the merge: the
 * reduction names and orders, it cannot drop a section a chunk wrote.
 */
export function assembleNotes(
  merged: MergedNotes,
  reduction: NotesReduction,
  options: { reducerUsage: TokenUsage; caveats: string[]; generatedAt: string },
): LectureNotes {
  if (reduction.sectionTitles.length !== merged.sections.length) {
    throw new Error(
      `The reduction of job ${merged.jobId} names ${reduction.sectionTitles.length} sections, but the merged notes have ${merged.sections.length}: ` +
        'a notes reducer must give one title per section.',
    );
  }
  return {
    jobId: merged.jobId,
    title: reduction.title,
    overview: reduction.overview,
    sections: merged.sections.map((section, index) => ({ ...section, title: reduction.sectionTitles[index]! })),
    glossary: merged.glossary,
    reviewQuestions: reduction.reviewQuestions,
    actionItems: merged.actionItems,
    source: merged.source,
    caveats: options.caveats,
    usage: addUsage(merged.usage, options.reducerUsage),
    generatedAt: options.generatedAt,
  };
}

/** What the reduce step cost, read back from notes assembled above: their usage less the chunks'. */
export const reducerUsageOf = (notes: LectureNotes, merged: MergedNotes): TokenUsage => ({
  inputTokens: notes.usage.inputTokens - merged.usage.inputTokens,
  outputTokens: notes.usage.outputTokens - merged.usage.outputTokens,
});

const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
});
