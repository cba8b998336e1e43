import type { NotesRequest } from '../contracts/job';
import type { MergedNotes, NotesEngine, NotesReduction, TokenUsage } from '../contracts/notes';

/**
 * Writes what only the whole lecture shows (title, overview, the review
 * questions in study order, section titles) from the merged chunk notes,
 * never from the transcript. Sections, glossary and action items stay the
 * merge's: the reduction cannot drop what a chunk found.
 */
export interface NotesReducer {
  readonly engine: NotesEngine;
  /** `caveats`: what this engine does less well for this lecture, told to the reader (LectureNotes.caveats). */
  /** `request`: the style and the reader's wishes the version is written in. */
  reduce(merged: MergedNotes, request: NotesRequest): Promise<{ reduction: NotesReduction; usage: TokenUsage; caveats: string[] }>;
}
