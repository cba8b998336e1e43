import { describe, expect, it } from 'vitest';
import { renderNotesMarkdown } from '../../../shared/domain/notes-markdown';
import { bareSection, studyNotes } from '../../fixtures/study-notes';

const headingLines = (markdown: string) => markdown.split('\n').filter((line) => /^#{1,6}\s/.test(line));
/** Link targets the Markdown would follow: a "](" not escaped by a backslash. */
const linkTargets = (markdown: string) => [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]);
/** The blocks between a heading and the next heading of the same or a higher level. */
function partUnder(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)![0].length;
  const after = markdown.split(`${heading}\n\n`)[1];
  if (after === undefined) throw new Error(`No heading "${heading}" in:\n${markdown}`);
  const end = after.search(new RegExp(`^#{1,${level}} `, 'm'));
  return (end === -1 ? after : after.slice(0, end)).trim();
}

describe('renderNotesMarkdown', () => {
  const markdown = renderNotesMarkdown(studyNotes());

  it('lays out title, overview, contents, sections, glossary, review questions and action items in that order', () => {
    expect(headingLines(markdown)).toEqual([
      '# Database Transactions',
      '## Overview',
      '## Contents',
      '## ACID Guarantees',
      '### Key points',
      '### Definitions',
      '### Examples',
      '### Formulas',
      '### The four guarantees',
      '## Isolation Levels',
      '### Key points',
      '## Glossary',
      '## Review questions',
      '## Action items',
    ]);
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('says under the title where the notes come from: file, duration, language and engine', () => {
    expect(markdown).toMatch(/^# Database Transactions\n\n\*week-3\.vtt · 1:02:03 · English \(en\) · notes by offline \(wink-eng-lite-web-model\)\*\n/);
  });

  it('names a language it cannot name by its code, and says when none was detected', () => {
    const notes = studyNotes();
    expect(renderNotesMarkdown({ ...notes, source: { ...notes.source, language: 'und' } })).toContain(' · language not detected (und) · ');
    expect(renderNotesMarkdown({ ...notes, source: { ...notes.source, language: 'es' } })).toContain(' · Spanish (es) · ');
  });

  it('lists the sections with the time each starts, linking to them', () => {
    expect(partUnder(markdown, '## Contents')).toBe('- \\[0:00\\] [ACID Guarantees](#acid-guarantees)\n- \\[12:03\\] [Isolation Levels](#isolation-levels)');
  });

  it('writes each section with its time range, summary and every part it has', () => {
    const section = partUnder(markdown, '## ACID Guarantees');
    expect(section).toMatch(/^\*\(0:00–12:03\)\*\n\nWhat a database promises about a transaction\.\n/);
    expect(partUnder(section, '### Key points')).toBe('- Atomicity means all or nothing.\n- Durability survives a crash.');
    expect(partUnder(section, '### Definitions')).toBe('- **transaction**: a unit of work that commits or rolls back as a whole');
    expect(partUnder(section, '### Examples')).toBe('- Moving money between two accounts: both updates happen or neither does.');
    expect(partUnder(section, '### Formulas')).toBe('- balance\\_a + balance\\_b = constant');
    expect(partUnder(section, '### The four guarantees')).toBe('1. Atomicity\n2. Consistency\n3. Isolation\n4. Durability');
  });

  it('gives the glossary each term, its definition and where it is first explained', () => {
    expect(partUnder(markdown, '## Glossary')).toBe(
      '- **transaction**: a unit of work that commits or rolls back as a whole \\[1:02\\]\n- **MVCC**: keeping several versions of a row so readers do not block writers \\[14:05\\]',
    );
  });

  it('numbers the review questions, each with its time and its answer under it', () => {
    expect(partUnder(markdown, '## Review questions')).toBe('1. What is a transaction? \\[1:02\\]\n   - **Answer:** A unit of work that commits or rolls back as a whole.');
  });

  it('writes action items with their deadline when one was said, and their time', () => {
    const notes = studyNotes({
      actionItems: [
        { task: 'Read chapter 7 on recovery', due: 'next Friday', at: 3600 },
        { task: 'Try the isolation demo', due: '', at: 1000 },
      ],
    });
    expect(partUnder(renderNotesMarkdown(notes), '## Action items')).toBe('- Read chapter 7 on recovery (due next Friday) \\[1:00:00\\]\n- Try the isolation demo \\[16:40\\]');
  });

  it('puts caveats in a quote under the source line', () => {
    const withCaveats = renderNotesMarkdown(studyNotes({ caveats: ['The lecture is in Spanish: the offline notes quote it and find fewer key terms.', 'No review questions were found.'] }));
    expect(withCaveats).toContain(
      '(wink-eng-lite-web-model)*\n\n> - The lecture is in Spanish: the offline notes quote it and find fewer key terms.\n> - No review questions were found.\n\n## Overview',
    );
    expect(markdown).not.toContain('\n> ');
  });

  it('gives repeated headings unique anchors, numbered after the headings before them', () => {
    const repeated = renderNotesMarkdown(
      studyNotes({
        sections: [
          bareSection('Recap', 0, 60, { keyPoints: ['Indexes.'] }),
          bareSection('Overview', 60, 120, { keyPoints: ['A section named like a fixed heading.'] }),
          bareSection('Key points', 120, 150, { keyPoints: ['A section named like the part before it.'] }),
          bareSection('Recap', 150, 180, { keyPoints: ['Transactions.'] }),
        ],
      }),
    );
    // "Key points" is claimed by the first section's part before the third section.
    expect(linkTargets(repeated)).toEqual(['#recap', '#overview-1', '#key-points-2', '#recap-1']);
  });

  describe('with nothing in a part', () => {
    const empty = studyNotes({
      overview: '',
      sections: [bareSection('ACID Guarantees', 0, 723)],
      glossary: [],
      reviewQuestions: [],
      actionItems: [],
    });

    it('leaves the part out, heading and all', () => {
      const markdown = renderNotesMarkdown(empty);
      expect(headingLines(markdown)).toEqual(['# Database Transactions', '## Contents', '## ACID Guarantees']);
      expect(partUnder(markdown, '## ACID Guarantees')).toBe('*(0:00–12:03)*');
    });

    it('writes no contents when there are no sections', () => {
      expect(headingLines(renderNotesMarkdown({ ...empty, sections: [] }))).toEqual(['# Database Transactions']);
    });

    it('drops a glossary entry whose term is blank once made one line', () => {
      const markdown = renderNotesMarkdown({ ...empty, glossary: [{ term: '\n', definition: 'a definition of nothing', firstExplainedAt: 5 }] });
      expect(markdown).not.toContain('Glossary');
    });

    it('drops list items that are blank once made one line, and a list with none left', () => {
      const markdown = renderNotesMarkdown({ ...empty, sections: [bareSection('Steps', 0, 60, { keyPoints: ['\n\t'], lists: [{ title: 'Phases', items: [' \n'] }] })] });
      expect(partUnder(markdown, '## Steps')).toBe('*(0:00–1:00)*');
    });
  });

  describe('with hostile text from a transcript or a model', () => {
    const hostile = studyNotes({
      title: '<script>alert(1)</script>',
      overview: '[x](javascript:alert(1)) and ![img](http://x) <img src=x onerror=alert(1)>',
      caveats: ['# Injected caveat'],
      glossary: [
        { term: '**bold** `code`', definition: '<a href="http://evil.example">click</a> [ref]: http://evil.example', firstExplainedAt: 1 },
        { term: '<b>term</b>', definition: 'see https://evil.example, www.evil.example or mail me@evil.example', firstExplainedAt: 2 },
      ],
      reviewQuestions: [{ question: '1. not a list', answer: '\n## Injected answer', at: 3 }],
      actionItems: [{ task: '> not a quote', due: '[due](http://evil.example)', at: 4 }],
      sections: [
        bareSection('Intro](javascript:alert(1))\n# Injected', 0, 60, {
          summary: '---',
          keyPoints: [
            'fine\n# Injected heading\n<b>bold</b>',
            '1. not a list',
            '- not a list either',
            '> not a quote',
            '<http://autolink.example>',
            'data:text/html;base64,PHNjcmlwdD4= and JAVASCRIPT:alert(1)',
            '[a]: http://reference.example "title"',
            '`code` and ~~strike~~ and _em_ | table |',
          ],
          definitions: [{ term: '](http://evil.example)', definition: '<iframe>' }],
          lists: [{ title: '### Injected list title', items: ['+ item'] }],
        }),
      ],
    });
    const markdown = renderNotesMarkdown(hostile);

    it('contains no raw HTML tag', () => {
      expect(markdown).not.toMatch(/<[a-z!/?]/i);
      expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('contains no link or image except the table of contents anchor', () => {
      expect(linkTargets(markdown)).toEqual(['#introjavascriptalert1--injected']);
      // A CommonMark parser such as marked would end the contents link at an escaped "](".
      expect(markdown).toContain('[Intro\\]\\(javascript\\:alert(1)) \\# Injected](#introjavascriptalert1--injected)');
      expect([...markdown.matchAll(/(?<!\\)\[/g)]).toHaveLength(1);
    });

    it('contains no autolink and no script or data URL', () => {
      expect(markdown).not.toMatch(/(?:javascript|data|https?):/i);
      expect(markdown).not.toMatch(/www\./i);
      expect(markdown).not.toMatch(/(?<!\\)@/);
    });

    it('keeps every text on its own line, so no heading, list, quote or rule can be injected', () => {
      expect(markdown).not.toMatch(/^#+ Injected(?! list)/m);
      expect(markdown).not.toMatch(/^#+ #/m);
      expect(markdown).not.toMatch(/^---$/m);
      const points = partUnder(markdown, '### Key points').split('\n');
      expect(points).toHaveLength(8);
      for (const point of points) expect(point).toMatch(/^- (?![-+>]|\d+\.)/);
      expect(markdown).toContain('1. 1\\. not a list \\[0:03\\]');
      expect(markdown).toContain('- &gt; not a quote (due');
      expect(markdown).toContain('> - \\# Injected caveat');
    });

    it('escapes emphasis, code, tables and strikethrough', () => {
      expect(markdown).toContain('- **\\*\\*bold\\*\\* \\`code\\`**');
      expect(markdown).toContain('\\`code\\` and \\~\\~strike\\~\\~ and \\_em\\_ \\| table \\|');
    });
  });
});
