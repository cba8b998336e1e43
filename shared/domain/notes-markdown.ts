import { DEFAULT_NOTES_STYLE, NOTES_STYLES, type NotesStyleName } from './notes-styles';
import type { LectureNotes, NotesSection } from '../contracts/notes';
import { NOTES_HEADINGS, dueNote, notesTitle, sectionTitle, SOURCE_FACT_SEPARATOR, sourceFacts } from './notes-wording';
import { oneLine } from './one-line';
import { formatClock } from './time-formats';

const timeRange = (section: NotesSection) => `${formatClock(section.start)}–${formatClock(section.end)}`;

/**
 * Every text in the notes comes from a recording or a model, so it is data:
 * it goes in as one line of literal text that cannot open HTML, a link, an
 * image, an autolink, emphasis, code, a heading, a list or a quote. Only the
 * renderer writes Markdown syntax.
 */
function escapeMarkdownText(text: string): string {
  return (
    oneLine(text)
      .replace(/&/gu, '&amp;')
      .replace(/</gu, '&lt;')
      .replace(/>/gu, '&gt;')
      .replace(/[\\`*_[\]#|~]/gu, '\\$&')
      // marked ends a link's text at an escaped "]" followed by "(": escaping the "(" too keeps the contents' links whole.
      .replace(/\\\]\(/gu, '\\]\\(')
      // Bare URLs and e-mail addresses become links in GFM; an escaped ":", "." or "@" keeps them text.
      .replace(/\b(javascript|vbscript|data|file|mailto|https?|ftp|[a-z][a-z0-9+.-]*(?=:\/\/)):/giu, '$1\\:')
      .replace(/\bwww\./giu, 'www\\.')
      .replace(/@/gu, '\\@')
      // At the start of a line these open a list or a thematic break.
      .replace(/^([-+=])/u, '\\$1')
      .replace(/^(\d+)([.)])/u, '$1\\$2')
  );
}

/**
 * Anchors as GitHub derives them from heading text (lower case, punctuation
 * dropped, spaces as hyphens, "-1", "-2" for repeats), so the table of
 * contents works where the Markdown is shown.
 */
class AnchorSlugs {
  private readonly used = new Set<string>();

  next(heading: string): string {
    const base =
      oneLine(heading)
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /gu, '-') || 'section';
    let slug = base;
    for (let repeat = 1; this.used.has(slug); repeat++) slug = `${base}-${repeat}`;
    this.used.add(slug);
    return slug;
  }
}

/** Where in the recording something is said, written so Markdown shows the brackets. */
const at = (seconds: number) => `\\[${formatClock(seconds)}\\]`;

const bulletList = (items: readonly string[]) => items.map(escapeMarkdownText).filter(Boolean).map((item) => `- ${item}`);

/** Builds the document block by block, claiming each heading's anchor in document order. */
class MarkdownLines {
  readonly lines: string[] = [];

  constructor(private readonly slugs: AnchorSlugs) {}

  /** Returns the heading's anchor. */
  heading(level: 1 | 2 | 3, text: string): string {
    this.block(`${'#'.repeat(level)} ${escapeMarkdownText(text)}`);
    return this.slugs.next(text);
  }

  /** One paragraph, list or quote; nothing when it has no lines. */
  block(...lines: string[]) {
    if (lines.length > 0) this.lines.push(...lines, '');
  }

  /** A heading over its list, or nothing when the list is empty. */
  part(level: 2 | 3, title: string, lines: string[]) {
    if (lines.length === 0) return;
    this.heading(level, title);
    this.block(...lines);
  }

  toString() {
    return `${this.lines.join('\n').trimEnd()}\n`;
  }
}

function sourceLine({ source }: LectureNotes): string {
  return `*${sourceFacts(source).map(escapeMarkdownText).filter(Boolean).join(SOURCE_FACT_SEPARATOR)}*`;
}

/** "- **term**: definition", with the time it is first explained when given; nothing for a term that is blank once made one line. */
function definitionLines<Entry extends { term: string; definition: string }>(entries: readonly Entry[], timeOf?: (entry: Entry) => number): string[] {
  return entries.flatMap((entry) => {
    const term = escapeMarkdownText(entry.term);
    const time = timeOf ? ` ${at(timeOf(entry))}` : '';
    return term ? [`- **${term}**: ${escapeMarkdownText(entry.definition)}${time}`] : [];
  });
}

function renderSection(document: MarkdownLines, section: NotesSection) {
  document.block(`*(${timeRange(section)})*`);
  const summary = escapeMarkdownText(section.summary);
  if (summary) document.block(summary);
  document.part(3, NOTES_HEADINGS.keyPoints, bulletList(section.keyPoints));
  document.part(3, NOTES_HEADINGS.definitions, definitionLines(section.definitions));
  document.part(3, NOTES_HEADINGS.examples, bulletList(section.examples));
  document.part(3, NOTES_HEADINGS.formulas, bulletList(section.formulas));
  for (const list of section.lists) {
    const items = list.items.map(escapeMarkdownText).filter(Boolean);
    document.part(3, oneLine(list.title) || NOTES_HEADINGS.list, items.map((item, index) => `${index + 1}. ${item}`));
  }
}

/**
 * The lecture's notes as a Markdown document for people to read, print or paste: title, source,
 * caveats, overview, contents, the sections in lecture order, then glossary, review questions and
 * action items. A part the notes have nothing for is left out, heading and all.
 */
/** `style`: the style the notes were written in; exam preparation puts the review questions first. */
export function renderNotesMarkdown(notes: LectureNotes, { style = DEFAULT_NOTES_STYLE }: { style?: NotesStyleName } = {}): string {
  const slugs = new AnchorSlugs();
  const document = new MarkdownLines(slugs);
  document.heading(1, notesTitle(notes));
  document.block(sourceLine(notes));
  document.block(...notes.caveats.map(escapeMarkdownText).filter(Boolean).map((caveat) => `> - ${caveat}`));
  const overview = escapeMarkdownText(notes.overview);
  if (overview) {
    document.heading(2, NOTES_HEADINGS.overview);
    document.block(overview);
  }

  const questions = () =>
    document.part(
      2,
      NOTES_HEADINGS.reviewQuestions,
      notes.reviewQuestions.flatMap(({ question, answer, at: moment }, index) => [
        `${index + 1}. ${escapeMarkdownText(question)} ${at(moment)}`,
        `   - **${NOTES_HEADINGS.answer}** ${escapeMarkdownText(answer)}`,
      ]),
    );
  if (NOTES_STYLES[style].questionsFirst) questions();

  const sections = notes.sections.map((section, index) => ({ ...section, title: sectionTitle(section.title, index) }));
  if (sections.length > 0) document.heading(2, NOTES_HEADINGS.contents);
  // The contents link to the sections after them, so the sections are written first, apart, claiming their anchors in document order.
  const body = new MarkdownLines(slugs);
  const contents = sections.map((section) => {
    const anchor = body.heading(2, section.title);
    renderSection(body, section);
    return `- ${at(section.start)} [${escapeMarkdownText(section.title)}](#${anchor})`;
  });
  document.block(...contents);
  document.lines.push(...body.lines);

  document.part(2, NOTES_HEADINGS.glossary, definitionLines(notes.glossary, (entry) => entry.firstExplainedAt));
  if (!NOTES_STYLES[style].questionsFirst) questions();
  document.part(
    2,
    NOTES_HEADINGS.actionItems,
    notes.actionItems.map(({ task, due, at: moment }) => {
      const deadline = escapeMarkdownText(dueNote(due));
      return `- ${escapeMarkdownText(task)}${deadline ? ` ${deadline}` : ''} ${at(moment)}`;
    }),
  );
  return document.toString();
}
