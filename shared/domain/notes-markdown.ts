import type { LectureNotes, NotesSection } from '../contracts/notes';
import { formatClock } from './time-formats';

const timeRange = (section: NotesSection) => `${formatClock(section.start)}–${formatClock(section.end)}`;

/** A line break inside a point could start a heading or a block of its own. */
const oneLine = (text: string) =>
  text
    .replace(/[\r\n\u0085\u2028\u2029\t\v\f]+/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

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

const engineLabel = (notes: LectureNotes) => `${escapeMarkdownText(notes.engine.kind)} (${escapeMarkdownText(notes.engine.model)})`;

/** The lecture's notes as a Markdown document for people to read, print or paste. */
export function renderNotesMarkdown(notes: LectureNotes): string {
  const title = oneLine(notes.title) || 'Lecture notes';
  const summary = escapeMarkdownText(notes.summary);
  const sections = notes.sections.map((section, index) => ({ ...section, heading: oneLine(section.heading) || `Section ${index + 1}` }));

  // GitHub numbers repeated anchors in document order, so every heading before the sections claims its anchor first.
  const slugs = new AnchorSlugs();
  for (const fixed of [title, summary && 'Summary', sections.length > 0 && 'Contents', notes.keyTerms.length > 0 && 'Key terms']) {
    if (fixed) slugs.next(fixed);
  }
  const anchors = sections.map((section) => slugs.next(section.heading));

  const lines = [`# ${escapeMarkdownText(title)}`, '', `*Duration ${formatClock(notes.durationSeconds)} · notes by ${engineLabel(notes)}*`, ''];
  if (summary) lines.push('## Summary', '', summary, '');
  if (sections.length > 0) {
    lines.push('## Contents', '');
    sections.forEach((section, index) => lines.push(`- [${escapeMarkdownText(section.heading)}](#${anchors[index]}) (${timeRange(section)})`));
    lines.push('');
  }
  if (notes.keyTerms.length > 0) {
    lines.push('## Key terms', '');
    for (const { term, definition } of notes.keyTerms) {
      const [escapedTerm, escapedDefinition] = [escapeMarkdownText(term), escapeMarkdownText(definition)];
      if (escapedTerm) lines.push(`- **${escapedTerm}**${escapedDefinition ? `: ${escapedDefinition}` : ''}`);
    }
    lines.push('');
  }
  for (const section of sections) {
    lines.push(`## ${escapeMarkdownText(section.heading)}`, '', `*(${timeRange(section)})*`, '');
    for (const point of section.points.map(escapeMarkdownText).filter(Boolean)) lines.push(`- ${point}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
