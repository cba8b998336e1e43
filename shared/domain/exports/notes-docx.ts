import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { LectureNotes, NotesSection } from '../../contracts/notes';
import { UNDETERMINED_LANGUAGE } from '../language';
import { NOTES_HEADINGS, dueNote, notesTitle, sectionTitle, sourceFacts } from '../notes-wording';
import { oneLine } from '../one-line';
import { formatClock } from '../time-formats';

/** The numbering every numbered list uses; each list is an instance of its own, so each starts at 1. */
const NUMBERED = 'numbered-list';

/**
 * Text as Word can hold it: one line, and nothing XML 1.0 refuses (a lone surrogate, U+FFFE,
 * U+FFFF; oneLine already drops control characters), which would make the file unreadable.
 */
const wordText = (text: string) => oneLine(text).toWellFormed().replace(/[\uFFFE\uFFFF]/gu, '');

const at = (seconds: number) => `[${formatClock(seconds)}]`;

const heading = (level: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string, children?: ParagraphChild[]) =>
  new Paragraph({ heading: level, children: children ?? [new TextRun(wordText(text))] });

/** Word's own list paragraphs (List Paragraph with numbering), so the lists are lists in Word, not lines that start with "•". */
const bullet = (children: ParagraphChild[], level = 0) => new Paragraph({ bullet: { level }, children });

/** A heading over its paragraphs, or nothing when there are none. */
const part = (level: (typeof HeadingLevel)[keyof typeof HeadingLevel], title: string, paragraphs: Paragraph[]) =>
  paragraphs.length > 0 ? [heading(level, title), ...paragraphs] : [];

const bullets = (items: readonly string[]) => items.map(wordText).filter(Boolean).map((item) => bullet([new TextRun(item)]));

/** "term: definition", the term bold, and when it is first explained where given. */
const definitionRuns = (term: string, definition: string, time?: number) => [
  new TextRun({ text: wordText(term), bold: true }),
  new TextRun(`: ${wordText(definition)}${time === undefined ? '' : ` ${at(time)}`}`),
];

class NumberedLists {
  private instances = 0;

  list(items: readonly ParagraphChild[][]): Paragraph[] {
    const instance = ++this.instances;
    return items.map((children) => new Paragraph({ numbering: { reference: NUMBERED, level: 0, instance }, children }));
  }
}

function sectionParagraphs(section: NotesSection, title: string, bookmark: string, numbered: NumberedLists): Paragraph[] {
  const summary = wordText(section.summary);
  return [
    heading(HeadingLevel.HEADING_1, title, [new Bookmark({ id: bookmark, children: [new TextRun(title)] })]),
    new Paragraph({ children: [new TextRun({ text: `${formatClock(section.start)}–${formatClock(section.end)}`, italics: true })] }),
    ...(summary ? [new Paragraph(summary)] : []),
    ...part(HeadingLevel.HEADING_2, NOTES_HEADINGS.keyPoints, bullets(section.keyPoints)),
    ...part(
      HeadingLevel.HEADING_2,
      NOTES_HEADINGS.definitions,
      section.definitions.filter((entry) => wordText(entry.term)).map((entry) => bullet(definitionRuns(entry.term, entry.definition))),
    ),
    ...part(HeadingLevel.HEADING_2, NOTES_HEADINGS.examples, bullets(section.examples)),
    ...part(HeadingLevel.HEADING_2, NOTES_HEADINGS.formulas, bullets(section.formulas)),
    ...section.lists.flatMap((list) => {
      const items = list.items.map(wordText).filter(Boolean).map((item) => [new TextRun(item)]);
      return part(HeadingLevel.HEADING_2, wordText(list.title) || NOTES_HEADINGS.list, items.length ? numbered.list(items) : []);
    }),
  ];
}

/**
 * The lecture's notes as a Word document, in the order and with the headings of the Markdown:
 * the title in Word's Title style, the parts as Heading 1 and 2 (so Word's navigation pane and
 * table of contents find them), key points as bulleted and enumerations as numbered Word lists,
 * the contents linking to each section. A part the notes have nothing for is left out.
 */
export async function renderNotesDocx(notes: LectureNotes): Promise<Uint8Array> {
  const title = notesTitle(notes);
  const numbered = new NumberedLists();
  const sections = notes.sections.map((section, index) => ({ section, title: wordText(sectionTitle(section.title, index)), bookmark: `section_${index + 1}` }));
  const overview = wordText(notes.overview);

  const children = [
    heading(HeadingLevel.TITLE, title),
    new Paragraph({ children: [new TextRun({ text: sourceFacts(notes.source).map(wordText).filter(Boolean).join(' · '), italics: true })] }),
    ...bullets(notes.caveats),
    ...part(HeadingLevel.HEADING_1, NOTES_HEADINGS.overview, overview ? [new Paragraph(overview)] : []),
    ...part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.contents,
      sections.map(({ section, title: text, bookmark }) =>
        bullet([new TextRun(`${at(section.start)} `), new InternalHyperlink({ anchor: bookmark, children: [new TextRun({ text, style: 'Hyperlink' })] })]),
      ),
    ),
    ...sections.flatMap(({ section, title: text, bookmark }) => sectionParagraphs(section, text, bookmark, numbered)),
    ...part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.glossary,
      notes.glossary.filter((entry) => wordText(entry.term)).map((entry) => bullet(definitionRuns(entry.term, entry.definition, entry.firstExplainedAt))),
    ),
    ...part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.reviewQuestions,
      notes.reviewQuestions.length
        ? numbered.list(
            notes.reviewQuestions.map(({ question, answer, at: moment }) => [
              new TextRun(`${wordText(question)} ${at(moment)}`),
              new TextRun({ text: NOTES_HEADINGS.answer, bold: true, break: 1 }),
              new TextRun(` ${wordText(answer)}`),
            ]),
          )
        : [],
    ),
    ...part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.actionItems,
      notes.actionItems.map(({ task, due, at: moment }) => bullet([new TextRun([wordText(task), wordText(dueNote(due)), at(moment)].filter(Boolean).join(' '))])),
    ),
  ];

  const language = notes.source.language;
  const document = new Document({
    title,
    // Word checks spelling in the lecture's language, not its own default; an undetermined one is left to Word.
    ...(language && language !== UNDETERMINED_LANGUAGE
      ? { styles: { default: { document: { run: { language: { value: language, eastAsia: language, bidirectional: language } } } } } }
      : {}),
    creator: 'Lecture Notes',
    description: `Notes of ${wordText(notes.source.fileName)}`,
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
