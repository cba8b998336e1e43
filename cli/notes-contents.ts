import type { LectureNotes } from '../shared/contracts/notes';
import { languageName } from '../shared/domain/language';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line on what the notes hold, for the terminal after they are written. */
export function notesContentsLine(notes: LectureNotes): string {
  const { language, engine } = notes.source;
  const parts = [
    count(notes.sections.length, 'section', 'sections'),
    count(notes.glossary.length, 'glossary term', 'glossary terms'),
    count(notes.reviewQuestions.length, 'review question', 'review questions'),
    ...(notes.actionItems.length > 0 ? [count(notes.actionItems.length, 'action item', 'action items')] : []),
  ];
  const writer = engine.model ? `${engine.kind} engine (${engine.model})` : `${engine.kind} engine`;
  return `The notes hold ${parts.join(', ')}; ${languageName(language)} (${language}), by the ${writer}.`;
}
