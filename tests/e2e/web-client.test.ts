import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/local-runtime';
import { NotesFormatSchema, type NotesFormat, type TranscriptDocument } from '../../shared/contracts/api';
import { LectureNotesSchema } from '../../shared/contracts/notes';
import { attachmentDisposition, dispositionFileName } from '../../shared/domain/exports/download-file-name';
import { EXPORT_FORMATS } from '../../shared/domain/exports/export-formats';
import { transcriptKey } from '../../shared/domain/object-keys';
import { bareSection, studyNotes } from '../fixtures/study-notes';
import { buildWebClient, launchChromium } from './chromium';

/* The web client in a real browser (Debian's Chromium driven by playwright-core) against the local
   runtime serving the freshly built page: what a student does, with keyboard-reachable controls
   found by their roles and labels. */

const SAMPLE = 'samples/photosynthesis-light-reactions.srt';
const ARTIFACTS = 'tests/e2e/artifacts';
const BROKEN_CAPTIONS = Buffer.from('WEBVTT\n\n00:00:01.000 --> banana\nHi.\n');

describe('the web client in Chromium', () => {
  let runtime: LocalRuntime;
  let dataDir: string;
  let profileDir: string;
  let browser: BrowserContext;
  let page: Page;
  /** Uncaught exceptions in the page: none is ever expected. */
  const uncaught: string[] = [];
  /** Errors the page logs; browsers word (and emit) their own reports differently from version to version. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await buildWebClient();
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-web-'));
    profileDir = await mkdtemp(join(tmpdir(), 'e2e-web-chromium-'));
    runtime = await startLocalRuntime({ dataDir, environment: { NOTES_ENGINE: 'offline' } });
    browser = await launchChromium(profileDir);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => uncaught.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await Promise.all([dataDir, profileDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const jobIdInUrl = () => /#\/jobs\/([^/]+)$/.exec(page.url())?.[1];

  it('signs in with a name in local mode, from the keyboard', async () => {
    await page.goto(`${runtime.apiUrl}/`);
    await page.getByLabel('Your name').fill('ada');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Study notes from your lectures' }).waitFor();
    await page.getByText('No lectures yet').waitFor();
  });

  it('refuses a file the API would not take before sending anything', async () => {
    const jobRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/jobs' && request.method() === 'POST') jobRequests.push(request.url());
    });
    await page.getByLabel(/choose a file/i).setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/“slides\.pdf” is not a file we can make notes from.*captions/);
    expect(jobRequests).toEqual([]);
  });

  it('uploads a caption file, shows the job moving forward, then the notes with a working table of contents', async () => {
    await page.getByLabel(/choose a file/i).setInputFiles(SAMPLE);
    await page.getByText('Captions · 9.1 KB').waitFor();
    await page.getByRole('button', { name: 'Make notes' }).click();

    await page.waitForURL(/#\/jobs\/[0-9a-f-]+$/);
    const progressBar = page.getByRole('progressbar', { name: 'Making notes' });
    const seen: number[] = [];
    const notesTitle = page.getByRole('article').getByRole('heading', { level: 1 });
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && !(await notesTitle.isVisible()); ) {
      const value = await progressBar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
      if (value !== null && seen.at(-1) !== Number(value)) seen.push(Number(value));
      await page.waitForTimeout(100);
    }
    await notesTitle.waitFor({ timeout: 1000 });
    seen.push(Number(await progressBar.getAttribute('aria-valuenow')));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]).toBeLessThan(100);
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((value, index) => index === 0 || value >= seen[index - 1]!)).toBe(true);

    expect(await notesTitle.textContent()).toMatch(/\w/);
    const contents = page.getByRole('navigation', { name: 'Contents' }).getByRole('link');
    expect(await contents.count()).toBeGreaterThan(1);
    expect(await page.locator('.section-time').count()).toBe(await contents.count());
    expect(await page.locator('.toc-time').first().textContent()).toMatch(/^\d+:\d\d$/);
    expect(await page.locator('.notes-meta').textContent()).toMatch(/photosynthesis-light-reactions\.srt · \d+:\d\d · English \(en\) · notes by offline/);
    const body = page.locator('.notes-body');
    for (const part of ['Overview', 'Glossary', 'Review questions']) {
      expect(await body.getByRole('heading', { level: 2, name: part, exact: true }).count(), part).toBe(1);
    }

    // What the lecture cost so far: the total in the job's bar, its ledger when opened.
    const cost = page.locator('.job-cost');
    const total = cost.locator('summary');
    expect(await total.textContent()).toMatch(/^Cost \$0\.\d+$/);
    await total.click();
    expect(await cost.getByRole('row', { name: /^Step Functions/ }).textContent()).toMatch(/[1-9]\d* state transitions at \$0\.025 per 1,000\$0\.\d+$/);
    expect(await cost.getByRole('row', { name: /^Transcription/ }).textContent()).toMatch(/0 audio hours .*\$0$/);
    expect(await cost.getByRole('row', { name: /^Total/ }).textContent()).toBe((await total.textContent())!.replace('Cost ', 'Total'));

    // A contents link, used from the keyboard, scrolls to its section and focuses it, without leaving the job's address.
    const before = page.url();
    const last = contents.last();
    const heading = (await last.textContent())!;
    await last.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((text) => document.activeElement?.textContent === text, heading);
    expect(page.url()).toBe(before);
    // It scrolls smoothly (the last section as far as the page goes): wait until the section is in view.
    await page.waitForFunction(() => {
      const { top, bottom } = document.activeElement!.getBoundingClientRect();
      return window.scrollY > 0 && top >= 0 && bottom <= window.innerHeight;
    });
  });

  it('shows the notes from their JSON, and a section time brings the transcript to that moment', async () => {
    // The page reads the notes as JSON (the schema), and the Markdown only for downloading and copying.
    const notesRequests: string[] = [];
    const recordingRequests: string[] = [];
    const onRequest = (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (/\/jobs\/[^/]+\/notes$/.test(path)) notesRequests.push(request.headers().accept ?? '');
      if (/\/jobs\/[^/]+\/recording$/.test(path)) recordingRequests.push(path);
    };
    page.on('request', onRequest);
    await page.reload();
    const transcript = page.getByRole('complementary', { name: 'Transcript' });
    const segments = transcript.getByRole('listitem');
    await segments.first().waitFor();
    page.off('request', onRequest);
    expect(notesRequests.sort()).toEqual(['application/json', 'text/markdown']);
    // Captions have no recording: no player, and the page never asks for one (tests/e2e/recording-player.test.ts has the audio side).
    expect(recordingRequests).toEqual([]);
    expect(await transcript.locator('audio').count()).toBe(0);
    expect(await segments.count()).toBeGreaterThan(10);
    expect(await transcript.locator('[aria-current="true"]').count()).toBe(0);

    // The last section's start time, pressed: the segment said then is marked and scrolled into the transcript's view.
    const lastSection = page.locator('.notes-section').last();
    const startButton = lastSection.locator('.section-time').getByRole('button');
    const start = (await startButton.textContent())!;
    expect(await startButton.getAttribute('aria-label')).toBe(`Go to ${start} in the lecture`);
    await startButton.click();
    const current = transcript.locator('[aria-current="true"]');
    await current.waitFor();
    const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
    const times = await transcript.locator('.transcript-time').allTextContents();
    const currentTime = (await current.locator('.transcript-time').textContent())!;
    const currentIndex = times.indexOf(currentTime);
    expect(seconds(currentTime)).toBeLessThanOrEqual(seconds(start));
    if (currentIndex + 1 < times.length) expect(seconds(times[currentIndex + 1]!)).toBeGreaterThan(seconds(start));
    await page.waitForFunction(() => {
      const list = document.querySelector('.transcript-segments')!;
      const marked = list.querySelector('[aria-current="true"]')!.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      return list.scrollTop > 0 && marked.top >= box.top && marked.bottom <= box.bottom;
    });
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-notes-transcript.png') });

    // A glossary time and a question time go there too, and a transcript line, pressed, becomes the moment.
    const glossaryTime = page.getByRole('region', { name: 'Glossary' }).getByRole('button').first();
    await glossaryTime.click();
    await page.waitForFunction((clock) => document.querySelector('.transcript-segments [aria-current="true"] .transcript-time')?.textContent !== clock, currentTime);
    const second = segments.nth(1).getByRole('button');
    await second.click();
    expect(await second.getAttribute('aria-current')).toBe('true');
    expect(await transcript.locator('[aria-current="true"]').count()).toBe(1);
  });

  it('turns the review questions into flashcards: Space shows the answer, arrows move, marks stay in the browser', async () => {
    await page.getByRole('button', { name: 'Study with flashcards' }).click();
    const card = page.getByRole('group', { name: 'Flashcard' });
    await card.waitFor();
    // Study mode opens ready for the keyboard.
    await page.waitForFunction(() => document.activeElement?.classList.contains('flashcard-region'));
    const tally = page.locator('.flashcard-tally');
    const total = Number(/Card 1 of (\d+)/.exec((await tally.textContent())!)?.[1]);
    expect(total).toBeGreaterThan(1);
    const question = (await card.locator('.flashcard-front').textContent())!;
    expect(await card.locator('.flashcard-back').count()).toBe(0);

    await page.keyboard.press('Space');
    await card.locator('.flashcard-back').waitFor();
    expect((await card.locator('.flashcard-back').textContent())!.length).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await card.locator('.flashcard-back').waitFor({ state: 'detached' });

    await page.keyboard.press('ArrowRight');
    await page.getByText(`Card 2 of ${total}`, { exact: false }).waitFor();
    expect(await card.locator('.flashcard-front').textContent()).not.toBe(question);
    await page.keyboard.press('ArrowLeft');
    expect(await card.locator('.flashcard-front').textContent()).toBe(question);

    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'I knew it' }).click();
    await page.getByText(`Card 2 of ${total} · 1 known`, { exact: false }).waitFor();
    // The pressed button has gone with its card: the keyboard carries on from the card.
    await page.keyboard.press('Space');
    await card.locator('.flashcard-back').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'web-flashcards.png') });

    // The glossary is a deck too.
    await page.getByRole('button', { name: /^Glossary \(\d+\)$/ }).click();
    expect(await page.getByRole('button', { name: /^Glossary/ }).getAttribute('aria-pressed')).toBe('true');
    await card.locator('.flashcard-front').waitFor();

    // The mark outlives a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Study with flashcards' }).click();
    await page.getByText(`Card 1 of ${total} · 1 known`, { exact: false }).waitFor();
  });

  it('prints the notes alone, in either view, for "Save as PDF"', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.app-header', '.job-bar', '.notes-toolbar', '.transcript-panel', '.flashcards']) {
        expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
      }
      // Still in study mode on screen: on paper the notes are there.
      expect(await page.locator('.notes-body').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 2, name: 'Review questions' }).isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'web-notes-print.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await page.getByRole('button', { name: 'Notes', exact: true }).click();
    await page.locator('.notes-body').waitFor();
  });

  it('keeps the job at its address across a reload, and shows the notes to screenshot', async () => {
    const jobId = jobIdInUrl();
    await page.reload();
    await page.getByRole('article').getByRole('heading', { level: 1 }).waitFor();
    expect(jobIdInUrl()).toBe(jobId);
    await page.getByRole('button', { name: 'Download', exact: true }).waitFor();
    await page.getByRole('complementary', { name: 'Transcript' }).getByRole('listitem').first().waitFor();

    // Every format downloads, named after the lecture's title, and opens as what it claims to be.
    const title = (await page.getByRole('article').getByRole('heading', { level: 1 }).textContent())!;
    const saved = async (format: NotesFormat) => {
      await page.getByRole('combobox', { name: 'Download as' }).selectOption(format);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
      return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
    };
    for (const format of NotesFormatSchema.options) {
      const file = await saved(format);
      expect(file.name).toBe(dispositionFileName(attachmentDisposition(title, EXPORT_FORMATS[format].suffix)));
      expect(file.name.startsWith(title.slice(0, 12))).toBe(true);
      const text = file.bytes.toString('utf8');
      if (format === 'json') expect(LectureNotesSchema.parse(JSON.parse(text))).toMatchObject({ jobId, title });
      if (format === 'md') expect(text.startsWith(`# ${title}\n`)).toBe(true);
      // A .docx is a zip: its first bytes are the local file header's.
      if (format === 'docx') expect([...file.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      if (format === 'vtt') expect(text).toMatch(/^WEBVTT\n\n[\s\S]*\d{2}:\d{2}\.\d{3} --> /u);
      if (format === 'srt') expect(text).toMatch(/^1\r?\n\d{2}:\d{2}:\d{2},\d{3} --> /u);
      if (format === 'anki') expect(text).toMatch(/^#separator:Comma\r?\n/u);
    }

    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-notes.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'web-notes-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('never runs markup that reaches the notes or the transcript: the page shows it as text', async () => {
    const jobId = jobIdInUrl()!;
    const hostile = '<img src=x onerror="window.pwned = 1">';
    const notes = studyNotes({
      jobId,
      title: `Photosynthesis ${hostile}`,
      overview: '<script>window.pwned = 2</script>Light drives the reactions.',
      sections: [
        bareSection('Light <iframe src="javascript:window.pwned=4"></iframe>', 0, 60, {
          summary: '[a link](javascript:window.pwned=3)',
          keyPoints: ['<a href="#light" onclick="window.pwned = 5">click me</a>', 'Chlorophyll absorbs red and blue light.'],
          definitions: [{ term: '<b onmouseover="window.pwned = 6">photon</b>', definition: 'a particle of light' }],
          examples: ['A leaf in shade makes less sugar.'],
          formulas: ['6 CO2 + 6 H2O → C6H12O6 + 6 O2'],
          lists: [{ title: 'The four guarantees', items: ['Atomicity', 'Consistency', 'Isolation', 'Durability'] }],
        }),
      ],
      glossary: [{ term: '<svg onload="window.pwned = 7">', definition: 'not a picture', firstExplainedAt: 5 }],
      reviewQuestions: [{ question: '<object data="javascript:window.pwned=8"></object>What absorbs light?', answer: '<embed src="javascript:window.pwned=9">', at: 5 }],
      caveats: ['<style>body { display: none }</style>'],
    });
    const transcript: TranscriptDocument = {
      jobId,
      source: 'captions',
      durationSeconds: 60,
      segments: [{ start: 0, end: 60, text: '<img src=y onerror="window.pwned = 10">Light reaches the leaf.' }],
    };
    expect([...uncaught, ...consoleErrors]).toEqual([]);
    await page.route('**/jobs/*/notes', (route) =>
      route.request().headers().accept === 'text/markdown'
        ? route.fulfill({ status: 200, contentType: 'text/markdown; charset=utf-8', body: `# ${hostile}\n` })
        : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(notes) }),
    );
    await page.route('**/jobs/*/transcript', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(transcript) }));
    await page.reload();
    const article = page.getByRole('article');
    await article.getByText('Chlorophyll absorbs red and blue light.').waitFor();
    // Every part of the notes is there, from the JSON; the markup reads as the characters it is made of.
    const headings = await article.locator('.notes-body').getByRole('heading').allTextContents();
    expect(headings).toEqual([
      'Overview',
      'Light <iframe src="javascript:window.pwned=4"></iframe>',
      'Key points',
      'Definitions',
      'Examples',
      'Formulas',
      'The four guarantees',
      'Glossary',
      'Review questions',
      'Action items',
    ]);
    expect(await article.getByRole('complementary', { name: 'Caveats' }).textContent()).toBe('<style>body { display: none }</style>');
    expect(await article.getByRole('heading', { level: 1 }).textContent()).toBe(`Photosynthesis ${hostile}`);
    expect(await article.locator('.notes-meta').textContent()).toBe('week-3.vtt · 1:02:03 · English (en) · notes by offline (wink-eng-lite-web-model)');
    await article.getByText('Read chapter 7 on recovery (due next Friday)').waitFor();
    await article.getByText('<a href="#light" onclick="window.pwned = 5">click me</a>').click();
    await article.getByText('[a link](javascript:window.pwned=3)').click();
    await article.getByText('Light reaches the leaf.', { exact: false }).hover();
    await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: /^Light </ }).click();
    await page.waitForTimeout(200);
    // The security property itself: nothing in the notes ran, and nothing live is left in the page.
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const live = await page.evaluate(() =>
      [...document.querySelectorAll('article *')].flatMap((element) => [
        ...(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'IMG'].includes(element.tagName) ? [element.tagName] : []),
        ...[...element.attributes]
          .filter(({ name, value }) => name.startsWith('on') || /^\s*javascript:/i.test(value))
          .map(({ name, value }) => `${element.tagName} ${name}="${value}"`),
      ]),
    );
    expect(live).toEqual([]);
    expect(await page.locator('body').isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/jobs\/[0-9a-f-]+$/);
    await page.unroute('**/jobs/*/notes');
    await page.unroute('**/jobs/*/transcript');
    expect([...uncaught, ...consoleErrors]).toEqual([]);
  });

  it('shows why a job failed, with a Retry that runs it again', async () => {
    await page.goto(`${runtime.apiUrl}/#/`);
    await page.getByLabel(/choose a file/i).setInputFiles({ name: 'broken.vtt', mimeType: 'text/vtt', buffer: BROKEN_CAPTIONS });
    await page.getByRole('button', { name: 'Make notes' }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: 'No notes this time' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('alert').textContent()).toMatch(/not a valid cue timing.*banana/);

    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.click();
    // The reopened job shows at once; the same broken file then fails the same way again, and the page follows it there.
    await page.getByRole('progressbar', { name: 'Making notes' }).waitFor();
    await page.getByRole('heading', { name: 'No notes this time' }).waitFor({ timeout: 20_000 });
    await retry.waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not a valid cue timing/);
  });

  it('lists the lectures, newest first, with their status', async () => {
    await page.getByRole('link', { name: '← All lectures' }).click();
    const rows = page.getByRole('region', { name: 'Your lectures' }).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/broken\.vtt.*Failed/);
    expect(await rows.nth(1).textContent()).toMatch(/photosynthesis-light-reactions\.srt.*Ready/);
    await page.screenshot({ path: join(ARTIFACTS, 'web-lectures.png') });
    expect([...uncaught, ...consoleErrors]).toEqual([]);
  });

  it('writes a new version in another style from the "New version" dialog, shows it, and switches back to the first', async () => {
    await page.getByRole('region', { name: 'Your lectures' }).getByRole('link', { name: /photosynthesis-light-reactions\.srt/ }).click();
    const title = page.getByRole('article').getByRole('heading', { level: 1 });
    await title.waitFor();
    const firstTitle = await title.textContent();
    const questions = page.locator('.notes-body').getByRole('heading', { level: 2, name: 'Review questions', exact: true });
    const headingsInOrder = () => page.locator('.notes-body h2').allTextContents();
    expect((await headingsInOrder()).indexOf('Review questions')).toBeGreaterThan((await headingsInOrder()).indexOf('Overview') + 1);
    expect(await page.getByLabel('Version', { exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'New version' }).click();
    const dialog = page.getByRole('dialog', { name: 'A new version of these notes' });
    await dialog.getByRole('radio', { name: /Exam preparation/ }).check();
    await dialog.getByLabel('Your instructions (optional)').fill('More on the electron transport chain.');
    await dialog.getByRole('button', { name: 'Write this version' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Once written it is shown: exam preparation asks its questions right after the overview.
    const switcher = page.getByLabel('Version', { exact: true });
    await page.waitForFunction(() => (document.querySelector('.version-switcher select') as HTMLSelectElement | null)?.value === '2', undefined, { timeout: 30_000 });
    await questions.waitFor();
    await page.waitForFunction(() => {
      const headings = [...document.querySelectorAll('.notes-body h2')].map((heading) => heading.textContent);
      return headings.indexOf('Review questions') === headings.indexOf('Overview') + 1;
    });
    expect(await page.locator('.notes-caveats').textContent()).toMatch(/cannot follow free-text instructions/);
    expect(await switcher.locator('option').allTextContents()).toEqual(['Version 1 · Study notes', 'Version 2 · Exam preparation']);

    await switcher.selectOption('1');
    await page.waitForFunction(() => {
      const headings = [...document.querySelectorAll('.notes-body h2')].map((heading) => heading.textContent);
      return headings.indexOf('Review questions') > headings.indexOf('Overview') + 1;
    });
    expect(await title.textContent()).toBe(firstTitle);
    expect(await page.locator('.notes-caveats').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'web-notes-versions.png') });
    expect([...uncaught, ...consoleErrors]).toEqual([]);
  });

  it('shows why a version failed and retries it from the page, which then shows it', async () => {
    const jobId = jobIdInUrl()!;
    const s3 = new S3Client({ region: 'us-east-1', endpoint: runtime.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const transcript = { Bucket: runtime.config.bucketName, Key: transcriptKey(jobId) };
    const stored = await (await s3.send(new GetObjectCommand(transcript))).Body!.transformToString();
    // A transcript the version's run cannot read: the version fails, and the page says so.
    await s3.send(new PutObjectCommand({ ...transcript, Body: '{}', ContentType: 'application/json' }));
    await page.getByRole('button', { name: 'New version' }).click();
    const dialog = page.getByRole('dialog', { name: 'A new version of these notes' });
    await dialog.getByRole('radio', { name: /One-page summary/ }).check();
    await dialog.getByRole('button', { name: 'Write this version' }).click();
    const retry = page.getByRole('button', { name: 'Retry version 3' });
    await retry.waitFor({ timeout: 30_000 });
    expect(await page.locator('.version-progress').textContent()).toMatch(/Version 3 · .* could not be written: .*transcript\.json is damaged/);

    await s3.send(new PutObjectCommand({ ...transcript, Body: stored, ContentType: 'application/json' }));
    await retry.click();
    // Shown once written: chosen in the switcher beside the other versions, then its notes loaded.
    await page.waitForFunction(() => (document.querySelector('.version-switcher select') as HTMLSelectElement | null)?.value === '3', undefined, { timeout: 30_000 });
    await expect
      .poll(() => page.locator('.version-switcher select option').allTextContents(), { timeout: 10_000 })
      .toEqual(['Version 1 · Study notes', 'Version 2 · Exam preparation', 'Version 3 · One-page summary']);
    expect(await page.locator('.version-progress').count()).toBe(0);
    s3.destroy();
    expect([...uncaught, ...consoleErrors]).toEqual([]);
  });
});
