import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LectureNotes } from '../../shared/contracts/notes';
import { renderNotesMarkdown } from '../../shared/domain/notes-markdown';
import { bareSection, studyNotes } from '../fixtures/study-notes';

const CHROMIUM = '/usr/bin/chromium';

/** What the notes page makes of the Markdown, in terms a test can compare. */
interface ReadNotes {
  title: string;
  meta: string;
  contents: Array<{ text: string; href: string; time: string }>;
  sections: Array<{ text: string; id: string; time: string; timeLabel: string }>;
  headings: string[];
  elements: string[];
}

/**
 * The page's own reader of the notes Markdown (web/src/notes/notes-document.ts), run where it runs:
 * in Chromium, with its DOM, DOMPurify and marked. No pipeline needed, so it checks the renderer and
 * the page agree on every layout change.
 */
describe('the notes page reading the notes Markdown, in Chromium', () => {
  let profileDir: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y --no-install-recommends chromium (.ci/run does this).`);
    }
    const bundle = await build({
      stdin: {
        contents: "import { buildNotesDocument } from './web/src/notes/notes-document'; window.buildNotesDocument = buildNotesDocument;",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      logLevel: 'error',
    });
    profileDir = await mkdtemp(join(tmpdir(), 'e2e-notes-document-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  afterAll(async () => {
    await browser?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const read = (notes: LectureNotes): Promise<ReadNotes> =>
    page.evaluate((markdown) => {
      const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const read = (window as unknown as { buildNotesDocument: typeof import('../../web/src/notes/notes-document').buildNotesDocument }).buildNotesDocument(markdown);
      const body = document.createElement('div');
      body.append(read.body);
      return {
        title: read.title,
        meta: read.meta,
        contents: [...(read.contents?.querySelectorAll('li') ?? [])].map((item) => ({
          text: text(item.querySelector('a')),
          href: item.querySelector('a')!.getAttribute('href')!,
          time: text(item.querySelector('.toc-time')),
        })),
        sections: [...body.querySelectorAll('h2[id]')].map((heading) => ({
          text: text(heading),
          id: heading.id,
          time: text(heading.nextElementSibling),
          timeLabel: heading.nextElementSibling?.getAttribute('aria-label') ?? '',
        })),
        headings: [...body.querySelectorAll('h2, h3')].map((heading) => `${heading.tagName} ${text(heading)}`),
        elements: [...new Set([...body.querySelectorAll('*')].map((element) => element.tagName.toLowerCase()))].sort(),
      };
    }, renderNotesMarkdown(notes));

  it('takes the title and the source line out of the body', async () => {
    const notes = await read(studyNotes());
    expect(notes.title).toBe('Database Transactions');
    expect(notes.meta).toBe('week-3.vtt · 1:02:03 · English (en) · notes by offline (wink-eng-lite-web-model)');
    expect(notes.headings).not.toContain('H2 Contents');
  });

  it('makes the contents a list of links to the sections, each with the time it starts', async () => {
    const notes = await read(studyNotes());
    expect(notes.contents).toEqual([
      { text: 'ACID Guarantees', href: '#acid-guarantees', time: '0:00' },
      { text: 'Isolation Levels', href: '#isolation-levels', time: '12:03' },
    ]);
    expect(notes.sections).toEqual([
      { text: 'ACID Guarantees', id: 'section-acid-guarantees', time: '0:00 – 12:03', timeLabel: 'From 0:00 to 12:03 in the recording' },
      { text: 'Isolation Levels', id: 'section-isolation-levels', time: '12:03 – 17:45', timeLabel: 'From 12:03 to 17:45 in the recording' },
    ]);
  });

  it('keeps every other part in the body, in order', async () => {
    const notes = await read(studyNotes({ caveats: ['The offline engine quotes the lecture.'] }));
    expect(notes.headings).toEqual([
      'H2 Overview',
      'H2 ACID Guarantees',
      'H3 Key points',
      'H3 Definitions',
      'H3 Examples',
      'H3 Formulas',
      'H3 The four guarantees',
      'H2 Isolation Levels',
      'H3 Key points',
      'H2 Glossary',
      'H2 Review questions',
      'H2 Action items',
    ]);
    expect(notes.elements).toContain('blockquote');
  });

  it('links a section named like a part before the contents to the section, not the part', async () => {
    const notes = await read(studyNotes({ sections: [bareSection('Overview', 0, 300), bareSection('Isolation Levels', 300, 600)] }));
    expect(notes.contents.map((entry) => entry.href)).toEqual(['#overview-1', '#isolation-levels']);
    expect(notes.sections.map((section) => [section.text, section.id])).toEqual([
      ['Overview', 'section-overview-1'],
      ['Isolation Levels', 'section-isolation-levels'],
    ]);
  });

  it('shows markup from a transcript or a model as text', async () => {
    const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) <script>steal()</script>';
    const notes = await read(
      studyNotes({
        title: hostile,
        overview: hostile,
        sections: [bareSection(hostile, 0, 60, { keyPoints: [hostile] })],
        glossary: [{ term: hostile, definition: hostile, firstExplainedAt: 1 }],
      }),
    );
    expect(notes.title).toBe(hostile);
    expect(notes.elements).not.toEqual(expect.arrayContaining(['img']));
    expect(notes.elements).not.toContain('script');
    expect(notes.elements).not.toContain('a');
    expect(notes.contents.map((entry) => entry.text)).toEqual([hostile]);
  });
});
