import { describe, expect, it } from 'vitest';
import type { LectureNotes } from '../../../shared/contracts/notes';
import { renderNotesMarkdown } from '../../../shared/domain/notes-markdown';

function lectureNotes(overrides: Partial<LectureNotes> = {}): LectureNotes {
  return {
    jobId: 'job-1',
    title: 'Database Transactions',
    summary: 'A transaction is a unit of work. Isolation keeps transactions apart.',
    durationSeconds: 3723,
    keyTerms: [
      { term: 'transaction', definition: 'a unit of work that commits or rolls back as a whole' },
      { term: 'MVCC', definition: '' },
    ],
    sections: [
      { heading: 'ACID Guarantees', start: 0, end: 723, points: ['Atomicity means all or nothing.', 'Durability survives a crash.'] },
      { heading: 'Isolation Levels', start: 723, end: 1065, points: ['Read committed is the common default.'] },
    ],
    engine: { kind: 'offline', model: 'wink-eng-lite-web-model' },
    usage: { inputTokens: 0, outputTokens: 0 },
    generatedAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

const headingLines = (markdown: string) => markdown.split('\n').filter((line) => /^#{1,6}\s/.test(line));
/** Link targets the Markdown would follow: a "](" not escaped by a backslash. */
const linkTargets = (markdown: string) => [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]);

describe('renderNotesMarkdown', () => {
  it('lays out title, details, summary, contents, key terms and sections in that order', () => {
    const markdown = renderNotesMarkdown(lectureNotes());
    expect(headingLines(markdown)).toEqual([
      '# Database Transactions',
      '## Summary',
      '## Contents',
      '## Key terms',
      '## ACID Guarantees',
      '## Isolation Levels',
    ]);
    expect(markdown).toContain('*Duration 1:02:03 · notes by offline (wink-eng-lite-web-model)*');
    expect(markdown).toContain('## Summary\n\nA transaction is a unit of work. Isolation keeps transactions apart.\n');
    expect(markdown).toContain('- [ACID Guarantees](#acid-guarantees) (0:00–12:03)\n- [Isolation Levels](#isolation-levels) (12:03–17:45)');
    expect(markdown).toContain('- **transaction**: a unit of work that commits or rolls back as a whole\n- **MVCC**\n');
    expect(markdown).toContain('## Isolation Levels\n\n*(12:03–17:45)*\n\n- Read committed is the common default.');
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('gives repeated headings unique anchors, numbered after the headings before them', () => {
    const markdown = renderNotesMarkdown(
      lectureNotes({
        sections: [
          { heading: 'Recap', start: 0, end: 60, points: ['Indexes.'] },
          { heading: 'Summary', start: 60, end: 120, points: ['A section named like a fixed heading.'] },
          { heading: 'Recap', start: 120, end: 180, points: ['Transactions.'] },
        ],
      }),
    );
    expect(linkTargets(markdown)).toEqual(['#recap', '#summary-1', '#recap-1']);
  });

  it('leaves out parts that have nothing to show', () => {
    const markdown = renderNotesMarkdown(lectureNotes({ summary: '', keyTerms: [], sections: [] }));
    expect(headingLines(markdown)).toEqual(['# Database Transactions']);
  });

  describe('with hostile text from a transcript or a model', () => {
    const hostile = lectureNotes({
      title: '<script>alert(1)</script>',
      summary: '[x](javascript:alert(1)) and ![img](http://x) <img src=x onerror=alert(1)>',
      keyTerms: [
        { term: '**bold** `code`', definition: '<a href="http://evil.example">click</a> [ref]: http://evil.example' },
        { term: '<b>term</b>', definition: 'see https://evil.example, www.evil.example or mail me@evil.example' },
      ],
      sections: [
        {
          heading: 'Intro](javascript:alert(1))\n# Injected',
          start: 0,
          end: 60,
          points: [
            'fine\n# Injected heading\n<b>bold</b>',
            '1. not a list',
            '- not a list either',
            '> not a quote',
            '<http://autolink.example>',
            'data:text/html;base64,PHNjcmlwdD4= and JAVASCRIPT:alert(1)',
            '[a]: http://reference.example "title"',
            '`code` and ~~strike~~ and _em_ | table |',
          ],
        },
      ],
    });
    const markdown = renderNotesMarkdown(hostile);

    it('contains no raw HTML tag', () => {
      expect(markdown).not.toMatch(/<[a-z!/?]/i);
      expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('contains no link or image except the table of contents anchors', () => {
      expect(linkTargets(markdown)).toEqual(['#introjavascriptalert1--injected']);
      expect([...markdown.matchAll(/(?<!\\)\[/g)]).toHaveLength(1);
    });

    it('contains no autolink and no script or data URL', () => {
      expect(markdown).not.toMatch(/(?:javascript|data|https?):/i);
      expect(markdown).not.toMatch(/www\./i);
      expect(markdown).not.toMatch(/(?<!\\)@/);
    });

    it('keeps every text on its own line, so no heading, list or quote can be injected', () => {
      expect(headingLines(markdown)).toHaveLength(5);
      expect(markdown).not.toMatch(/^#+ Injected/m);
      const points = markdown.split('## Intro')[1]!.split('\n').filter((line) => line.startsWith('- '));
      expect(points).toHaveLength(8);
      for (const point of points) expect(point).not.toMatch(/^- (?:[-+>]|\d+\.)/);
    });

    it('escapes emphasis, code, tables and strikethrough', () => {
      expect(markdown).toContain('- **\\*\\*bold\\*\\* \\`code\\`**');
      expect(markdown).toContain('\\`code\\` and \\~\\~strike\\~\\~ and \\_em\\_ \\| table \\|');
    });
  });
});
