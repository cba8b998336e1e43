import type { NotesSection, NotesSource } from '../contracts/notes';
import { languageName } from './language';
import { formatClock } from './time-formats';

/* The words every rendering of the notes shares (the Markdown, the page): what an untitled part is
   called and how the source line reads. Plain text: each renderer escapes it for its own format. */

const UNTITLED_NOTES = 'Lecture notes';

/** The notes' title, or what untitled notes are called. */
export const notesTitleOf = (title: string) => title.trim() || UNTITLED_NOTES;

/** A section's title, or its place in the lecture when the notes left it blank. */
export const sectionTitleOf = (section: Pick<NotesSection, 'title'>, index: number) => section.title.trim() || `Section ${index + 1}`;

/** The facts of the source line: file, duration, language and which engine wrote the notes. */
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
