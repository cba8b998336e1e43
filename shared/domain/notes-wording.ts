import type { LectureNotes, NotesSource } from '../contracts/notes';
import { languageName } from './language';
import { oneLine } from './one-line';
import { formatClock } from './time-formats';

/* The words every rendering of the notes shares (the Markdown, the Word file, the page): headings,
   what an untitled part is called, how the source line reads. Plain text: each renderer escapes it
   for its own format. */

/** The headings, so the notes read the same wherever they go. */
export const NOTES_HEADINGS = {
  overview: 'Overview',
  contents: 'Contents',
  keyPoints: 'Key points',
  definitions: 'Definitions',
  examples: 'Examples',
  formulas: 'Formulas',
  list: 'List',
  glossary: 'Glossary',
  reviewQuestions: 'Review questions',
  actionItems: 'Action items',
  answer: 'Answer:',
} as const;

/** What notes without a title are called. */
export const UNTITLED_NOTES = 'Lecture notes';

/** The title as one line, or a plain name when the notes have none. */
export const notesTitle = (notes: Pick<LectureNotes, 'title'>) => oneLine(notes.title) || UNTITLED_NOTES;

/** A section's title as one line, or its place in the lecture when it has none. */
export const sectionTitle = (title: string, index: number) => oneLine(title) || `Section ${index + 1}`;

/** "(due next Friday)" for an action item with a deadline; empty without. */
export const dueNote = (due: string) => (oneLine(due) ? `(due ${oneLine(due)})` : '');

/** What the source line says, fact by fact: the file, its length, the language, the engine and model. */
export function sourceFacts({ fileName, durationSeconds, language, engine }: NotesSource): string[] {
  return [
    fileName,
    formatClock(durationSeconds),
    `${languageName(language)} (${language})`,
    `notes by ${engine.kind}${engine.model ? ` (${engine.model})` : ''}`,
  ].filter(Boolean);
}

/** How the facts of the source line are joined. */
export const SOURCE_FACT_SEPARATOR = ' · ';
