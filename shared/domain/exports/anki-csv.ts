import type { LectureNotes } from '../../contracts/notes';
import { oneLine } from '../one-line';
import { formatClock } from '../time-formats';

/**
 * Anki (2.1.55 on) reads these header lines and sets the import up by itself: comma-separated,
 * fields as plain text (so nothing from a lecture or a model is read as HTML), the third column
 * the note's tags.
 */
const ANKI_HEADER = ['#separator:Comma', '#html:false', '#columns:Front,Back,Tags', '#tags column:3'];

/**
 * RFC 4180 quoting, for every field: a quoted field may hold commas, quotes and line breaks, and
 * no row can then start with "#", which Anki would read as a header line.
 */
const csvField = (text: string) => `"${text.replace(/"/gu, '""')}"`;

/** An Anki tag is one word: spaces become "_", and a quote, which Anki's tag syntax does not take, goes. */
const tagOf = (text: string) => oneLine(text).replace(/"/gu, '').replace(/\s+/gu, '_');

/**
 * The review questions (question, then the answer and the moment of the lecture it is about) and
 * the glossary (term, then its definition and when it is first explained) as an Anki-importable
 * CSV: Front, Back, Tags, one card a row, tagged with the lecture's title and the card's kind.
 * A card with an empty front or back is left out: it could not be studied.
 */
export function renderAnkiCsv(notes: LectureNotes): string {
  const lectureTag = tagOf(notes.title);
  const card = (front: string, back: string, at: number, kind: string) => {
    const [question, answer] = [oneLine(front), oneLine(back)];
    if (!question || !answer) return [];
    const tags = [lectureTag, kind].filter(Boolean).join(' ');
    return [[question, `${answer} [${formatClock(at)}]`, tags].map(csvField).join(',')];
  };
  const rows = [
    ...notes.reviewQuestions.flatMap(({ question, answer, at }) => card(question, answer, at, 'question')),
    ...notes.glossary.flatMap(({ term, definition, firstExplainedAt }) => card(term, definition, firstExplainedAt, 'glossary')),
  ];
  // CRLF, as RFC 4180 has it; Anki and spreadsheets read either.
  return `${[...ANKI_HEADER, ...rows].join('\r\n')}\r\n`;
}
