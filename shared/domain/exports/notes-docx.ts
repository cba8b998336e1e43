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
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { LectureNotes, NotesSection } from '../../contracts/notes';
import { UNDETERMINED_LANGUAGE, isRightToLeft } from '../language';
import { NOTES_HEADINGS, dueNote, notesTitle, sectionTitle, SOURCE_FACT_SEPARATOR, sourceFacts } from '../notes-wording';
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

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** "term: definition", the term bold, and when it is first explained where given. */
const definitionRuns = (term: string, definition: string, time?: number) => [
  new TextRun({ text: wordText(term), bold: true }),
  new TextRun(`: ${wordText(definition)}${time === undefined ? '' : ` ${at(time)}`}`),
];

/** Writes the paragraphs, all in the lecture's direction: a lecture in Arabic, Hebrew or Persian reads right to left. */
class WordParagraphs {
  private numberedLists = 0;

  constructor(private readonly rightToLeft: boolean) {}

  paragraph(options: Omit<IParagraphOptions, 'bidirectional'>): Paragraph {
    // Left to right is Word's own default: written out, it would only add `<w:bidi w:val="false"/>` everywhere.
    return new Paragraph(this.rightToLeft ? { ...options, bidirectional: true } : options);
  }

  /** A paragraph of one run of text already made Word-safe (wordText). */
  text(text: string, run: Omit<IRunOptions, 'text'> = {}): Paragraph {
    return this.paragraph({ children: [new TextRun({ ...run, text })] });
  }

  heading(level: Level, text: string, children?: ParagraphChild[]): Paragraph {
    return this.paragraph({ heading: level, children: children ?? [new TextRun(wordText(text))] });
  }

  /** Word's own list paragraphs (List Paragraph with numbering), so the lists are lists in Word, not lines that start with "•". */
  bullet(children: ParagraphChild[]): Paragraph {
    return this.paragraph({ bullet: { level: 0 }, children });
  }

  bullets(items: readonly string[]): Paragraph[] {
    return items.map(wordText).filter(Boolean).map((item) => this.bullet([new TextRun(item)]));
  }

  /** A numbered list that starts at 1: each is an instance of its own of the one numbering. */
  numbered(items: readonly ParagraphChild[][]): Paragraph[] {
    const instance = ++this.numberedLists;
    return items.map((children) => this.paragraph({ numbering: { reference: NUMBERED, level: 0, instance }, children }));
  }

  /** A heading over its paragraphs, or nothing when there are none. */
  part(level: Level, title: string, paragraphs: Paragraph[]): Paragraph[] {
    return paragraphs.length > 0 ? [this.heading(level, title), ...paragraphs] : [];
  }
}

function sectionParagraphs(word: WordParagraphs, section: NotesSection, title: string, bookmark: string): Paragraph[] {
  const summary = wordText(section.summary);
  return [
    word.heading(HeadingLevel.HEADING_1, title, [new Bookmark({ id: bookmark, children: [new TextRun(title)] })]),
    word.text(`${formatClock(section.start)}–${formatClock(section.end)}`, { italics: true }),
    ...(summary ? [word.text(summary)] : []),
    ...word.part(HeadingLevel.HEADING_2, NOTES_HEADINGS.keyPoints, word.bullets(section.keyPoints)),
    ...word.part(
      HeadingLevel.HEADING_2,
      NOTES_HEADINGS.definitions,
      section.definitions.filter((entry) => wordText(entry.term)).map((entry) => word.bullet(definitionRuns(entry.term, entry.definition))),
    ),
    ...word.part(HeadingLevel.HEADING_2, NOTES_HEADINGS.examples, word.bullets(section.examples)),
    ...word.part(HeadingLevel.HEADING_2, NOTES_HEADINGS.formulas, word.bullets(section.formulas)),
    ...section.lists.flatMap((list) => {
      const items = list.items.map(wordText).filter(Boolean).map((item) => [new TextRun(item)]);
      return word.part(HeadingLevel.HEADING_2, wordText(list.title) || NOTES_HEADINGS.list, items.length ? word.numbered(items) : []);
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
  const language = notes.source.language;
  const word = new WordParagraphs(isRightToLeft(language));
  const sections = notes.sections.map((section, index) => ({ section, title: wordText(sectionTitle(section.title, index)), bookmark: `section_${index + 1}` }));
  const overview = wordText(notes.overview);

  const children = [
    word.heading(HeadingLevel.TITLE, title),
    word.text(sourceFacts(notes.source).map(wordText).filter(Boolean).join(SOURCE_FACT_SEPARATOR), { italics: true }),
    ...word.bullets(notes.caveats),
    ...word.part(HeadingLevel.HEADING_1, NOTES_HEADINGS.overview, overview ? [word.text(overview)] : []),
    ...word.part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.contents,
      sections.map(({ section, title: text, bookmark }) =>
        word.bullet([new TextRun(`${at(section.start)} `), new InternalHyperlink({ anchor: bookmark, children: [new TextRun({ text, style: 'Hyperlink' })] })]),
      ),
    ),
    ...sections.flatMap(({ section, title: text, bookmark }) => sectionParagraphs(word, section, text, bookmark)),
    ...word.part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.glossary,
      notes.glossary.filter((entry) => wordText(entry.term)).map((entry) => word.bullet(definitionRuns(entry.term, entry.definition, entry.firstExplainedAt))),
    ),
    ...word.part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.reviewQuestions,
      notes.reviewQuestions.length
        ? word.numbered(
            notes.reviewQuestions.map(({ question, answer, at: moment }) => [
              new TextRun(`${wordText(question)} ${at(moment)}`),
              new TextRun({ text: NOTES_HEADINGS.answer, bold: true, break: 1 }),
              new TextRun(` ${wordText(answer)}`),
            ]),
          )
        : [],
    ),
    ...word.part(
      HeadingLevel.HEADING_1,
      NOTES_HEADINGS.actionItems,
      notes.actionItems.map(({ task, due, at: moment }) => word.bullet([new TextRun([wordText(task), wordText(dueNote(due)), at(moment)].filter(Boolean).join(' '))])),
    ),
  ];

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
