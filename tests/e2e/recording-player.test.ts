import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { RecordingLinkSchema } from '../../shared/contracts/api';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { silentWav } from '../fixtures/audio';
import { buildWebClient, launchChromium } from './chromium';

/* The recording's player on the notes page of an audio upload, in Debian's Chromium against the
   local runtime (the same harness as web-client.test.ts): the presigned GET passes the bucket's
   guard and the page's CSP, time stamps move the player, and the transcript follows playback. */

const ARTIFACTS = 'tests/e2e/artifacts';
/** The stand-in's speaker says the sample lecture's words (about 0.45 s each: some 7.5 minutes); the recording runs longer. */
const SAMPLE = 'samples/photosynthesis-light-reactions.srt';
const RECORDING_SECONDS = 600;

/** The words of a caption file, without its numbers and timings. */
const spokenText = (srt: string) =>
  srt
    .split(/\r?\n/)
    .filter((line) => line.trim() && !/^\d+$/.test(line.trim()) && !line.includes('-->'))
    .join(' ');

describe('the recording player in Chromium', () => {
  let runtime: LocalRuntime;
  let assemblyAi: AssemblyAiStandIn;
  let profileDir: string;
  let webDistDir: string;
  let browser: BrowserContext;
  let page: Page;
  const uncaught: string[] = [];
  /** Every GET /jobs/{jobId}/recording the page makes. */
  const recordingRequests: string[] = [];

  const audio = () => page.getByRole('complementary', { name: 'Transcript' }).locator('audio');
  const playerState = () =>
    audio().evaluate((element: HTMLAudioElement) => ({
      src: element.currentSrc,
      currentTime: element.currentTime,
      duration: element.duration,
      readyState: element.readyState,
      paused: element.paused,
      error: element.error?.code,
    }));
  const seconds = (clock: string) => clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const markedTime = () => page.locator('.transcript-segments [aria-current="true"] .transcript-time').textContent();

  beforeAll(async () => {
    // Its own build: web-client.test.ts builds web/dist, maybe at the same moment in another worker.
    webDistDir = await mkdtemp(join(tmpdir(), 'e2e-player-web-'));
    await buildWebClient(webDistDir);
    assemblyAi = await startAssemblyAiStandIn({ apiKey: 'test-key', text: spokenText(await readFile(SAMPLE, 'utf8')), processingPolls: 1 });
    runtime = await startScratchRuntime({
      environment: { ASSEMBLYAI_API_KEY: 'test-key', ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl, NOTES_ENGINE: 'offline' },
      waitOverrides: { WaitForTranscript: 20 },
      webDistDir,
    });
    profileDir = await mkdtemp(join(tmpdir(), 'e2e-player-chromium-'));
    browser = await launchChromium(profileDir);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => uncaught.push(error.message));
    page.on('request', (request) => {
      if (/\/jobs\/[^/]+\/recording$/.test(new URL(request.url()).pathname)) recordingRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await assemblyAi?.close();
    await Promise.all([profileDir, webDistDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('plays the uploaded recording from a presigned GET of the bucket, above the transcript', async () => {
    await page.goto(`${runtime.apiUrl}/`);
    await page.getByLabel('Your name').fill('ada');
    await page.keyboard.press('Enter');
    await page.getByLabel(/choose a file/i).setInputFiles({ name: 'light-reactions.wav', mimeType: 'audio/wav', buffer: Buffer.from(silentWav(RECORDING_SECONDS)) });
    await page.getByRole('button', { name: 'Make notes' }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]+$/);
    await page.getByRole('article').getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByRole('complementary', { name: 'Transcript' }).getByRole('listitem').first().waitFor();

    // The metadata loaded: the signed URL passed the bucket's guard, and the page's CSP let the media in.
    await page.waitForFunction(() => (document.querySelector('.transcript-panel audio') as HTMLAudioElement | null)?.readyState! >= HTMLMediaElement.HAVE_METADATA);
    const state = await playerState();
    expect(new URL(state.src).origin).toBe(new URL(runtime.s3Endpoint).origin);
    expect(new URL(state.src).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(state.duration).toBeCloseTo(RECORDING_SECONDS, 0);
    expect(recordingRequests).toHaveLength(1);
    expect(await audio().getAttribute('aria-label')).toBe('Recording of the lecture');
    // Nothing is marked before anything plays or is gone to.
    expect(await page.locator('.transcript-segments [aria-current="true"]').count()).toBe(0);
  });

  it("moves the player to a section's time and plays from there; the transcript marks what is said then", async () => {
    const startButton = page.locator('.notes-section').last().locator('.section-time').getByRole('button');
    const start = seconds((await startButton.textContent())!);
    expect(start).toBeGreaterThan(30);
    await startButton.click();

    await page.waitForFunction((at) => Math.abs((document.querySelector('.transcript-panel audio') as HTMLAudioElement).currentTime - at) < 1.5, start);
    expect(seconds((await markedTime())!)).toBeLessThanOrEqual(start);
    // It plays on from there: the silence advances the clock as speech would.
    await page.waitForFunction((at) => (document.querySelector('.transcript-panel audio') as HTMLAudioElement).currentTime > at + 0.5, start, { timeout: 30_000 });
    expect((await playerState()).paused).toBe(false);

    // A term's "first explained" and a question's moment go through the same seek.
    for (const region of ['Glossary', 'Review questions']) {
      const timeStamp = page.getByRole('region', { name: region }).getByRole('button', { name: /^Go to / }).last();
      const at = seconds((await timeStamp.textContent())!);
      await timeStamp.click();
      await page.waitForFunction((to) => Math.abs((document.querySelector('.transcript-panel audio') as HTMLAudioElement).currentTime - to) < 1.5, at);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-recording-player.png') });
  });

  it('marks the transcript line the recording is playing as playback moves, and a line, pressed, moves the player', async () => {
    const times = (await page.locator('.transcript-segments .transcript-time').allTextContents()).map(seconds);
    // The player's own scrubber (here set as it would set it), not a time stamp: the highlight follows what plays.
    const target = Math.floor(times.length / 3);
    await audio().evaluate((element: HTMLAudioElement, at) => {
      element.currentTime = at;
    }, times[target]! + 0.2);
    await page.waitForFunction((clock) => document.querySelector('.transcript-segments [aria-current="true"] .transcript-time')?.textContent === clock, await page.locator('.transcript-time').nth(target).textContent());

    // Then playback carries it on to the next line by itself.
    await audio().evaluate((element: HTMLAudioElement, at) => {
      element.currentTime = at;
    }, times[target + 1]! - 0.3);
    const next = await page.locator('.transcript-time').nth(target + 1).textContent();
    await page.waitForFunction((clock) => document.querySelector('.transcript-segments [aria-current="true"] .transcript-time')?.textContent === clock, next, { timeout: 30_000 });

    // A transcript line, pressed, is a seek like any time stamp: the player goes there.
    const line = page.locator('.transcript-segment').nth(2);
    await line.click();
    await page.waitForFunction((at) => Math.abs((document.querySelector('.transcript-panel audio') as HTMLAudioElement).currentTime - at) < 1.5, times[2]!);
    expect(await line.getAttribute('aria-current')).toBe('true');
  });

  it('asks for a new link when the one it has has expired, and carries on', async () => {
    await audio().evaluate((element: HTMLAudioElement) => element.pause());
    recordingRequests.length = 0;
    // The first answer is a link past its time: S3 (here, the bucket's guard) refuses it.
    let answered = 0;
    await page.route('**/jobs/*/recording', async (route) => {
      if (answered++ > 0) return route.continue();
      const response = await route.fetch();
      const link = RecordingLinkSchema.parse(await response.json());
      const url = new URL(link.url);
      url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
      await route.fulfill({ response, json: { url: url.toString(), expiresAt: new Date(Date.now() - 1000).toISOString() } });
    });
    try {
      await page.reload();
      await page.getByRole('complementary', { name: 'Transcript' }).getByRole('listitem').first().waitFor();
      await page.waitForFunction(() => (document.querySelector('.transcript-panel audio') as HTMLAudioElement | null)?.readyState! >= HTMLMediaElement.HAVE_METADATA);
    } finally {
      await page.unroute('**/jobs/*/recording');
    }
    expect(recordingRequests).toHaveLength(2);
    expect((await playerState()).error).toBeUndefined();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(uncaught).toEqual([]);
  });

  it('asks for a new link when the one it plays from stops working mid-lecture, and carries on from where it was', async () => {
    // S3 serves the link the page is given only for the recording's first megabyte (about two minutes) and refuses the
    // rest, as it refuses every request once a link's time is up. The page is paused there, so Chromium has asked for
    // nothing further: the first request past it is the one the test makes, by playing from later on.
    const ONE_MEGABYTE = 1024 * 1024;
    let stale: string | undefined;
    const refused: string[] = [];
    await page.route(
      (url) => url.origin === new URL(runtime.s3Endpoint).origin && (stale === undefined || url.href === stale),
      async (route) => {
        stale ??= route.request().url();
        if (route.request().url() !== stale) return route.continue();
        const from = Number(/bytes=(\d+)-/.exec((await route.request().allHeaders()).range ?? '')?.[1] ?? 0);
        if (from >= ONE_MEGABYTE) {
          refused.push(route.request().url());
          return route.fulfill({ status: 403, contentType: 'application/xml', body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' });
        }
        await route.fulfill({ response: await route.fetch({ headers: { ...route.request().headers(), range: `bytes=${from}-${ONE_MEGABYTE - 1}` } }) });
      },
    );
    try {
      await page.reload();
      await page.waitForFunction(() => (document.querySelector('.transcript-panel audio') as HTMLAudioElement | null)?.readyState! >= HTMLMediaElement.HAVE_METADATA);
      recordingRequests.length = 0;
      // A link is signed to the second: one asked for within the same second would be the very same URL.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const later = 300;
      expect(later * 8000).toBeGreaterThan(ONE_MEGABYTE);
      await audio().evaluate((element: HTMLAudioElement, at) => {
        element.currentTime = at;
        // The link fails under it: the play it asked for is cut short, as a person's would be.
        element.play().catch(() => {});
      }, later);

      // Refused, the player errs; the page asks for a new link, and the new player goes on from the same moment, playing.
      await page.waitForFunction(() => {
        const player = document.querySelector('.transcript-panel audio') as HTMLAudioElement | null;
        return player !== null && !player.paused && player.currentTime > 300.5;
      }, undefined, { timeout: 30_000 });
      expect(refused.length).toBeGreaterThan(0);
      expect(recordingRequests).toHaveLength(1);
      const state = await playerState();
      expect(state.src).not.toBe(stale);
      expect(state.error).toBeUndefined();
      expect(state.currentTime).toBeLessThan(300 + 30);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.unroute(() => true);
    }
    expect(uncaught).toEqual([]);
  });

  it('says why when the recording is gone, with no player, and its time stamps still go to the transcript', async () => {
    const gone = { error: 'RecordingNotStored', message: 'The recording light-reactions.wav is no longer stored.' };
    await page.route('**/jobs/*/recording', (route) => route.fulfill({ status: 409, json: gone }));
    try {
      await page.reload();
      await page.getByText(gone.message, { exact: false }).waitFor();
    } finally {
      await page.unroute('**/jobs/*/recording');
    }
    expect(await audio().count()).toBe(0);
    // Asking again would not bring it back: no button offers to.
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.locator('.notes-section').last().locator('.section-time').getByRole('button').click();
    await page.locator('.transcript-segments [aria-current="true"]').waitFor();
    await page.reload();
    await page.waitForFunction(() => (document.querySelector('.transcript-panel audio') as HTMLAudioElement | null)?.readyState! >= HTMLMediaElement.HAVE_METADATA);
  });
});
