import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/local-runtime';
import { buildWebClient, launchChromium } from './chromium';

/* The notice of a finished job in Debian's Chromium against the local runtime. Playwright keeps
   every page visible and headless Chromium hides none (a tab in front, a minimised window: both
   leave visibilityState "visible"), so the page's visibility is set by a script that runs before
   the page's own, as is a spy on Notification; permission is granted through the DevTools
   protocol (Browser.grantPermissions). */

const SAMPLE = 'samples/how-databases-keep-promises.vtt';

const PAGE_HOOKS = `(() => {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  const RealNotification = window.Notification;
  window.__notices = [];
  window.__permissionAsks = 0;
  window.Notification = class extends RealNotification {
    constructor(title, options) {
      super(title, options);
      window.__notices.push({ title, body: options && options.body, notice: this });
    }
    static requestPermission(...args) {
      window.__permissionAsks += 1;
      return RealNotification.requestPermission(...args);
    }
  };
  window.__focusCalls = 0;
  const focus = window.focus.bind(window);
  window.focus = () => {
    window.__focusCalls += 1;
    focus();
  };
})();`;

interface PageHooks {
  __setHidden(hidden: boolean): void;
  __notices: { title: string; body: string; notice: Notification }[];
  __permissionAsks: number;
  __focusCalls: number;
}

describe('the notice of a finished job, in Chromium', () => {
  let runtime: LocalRuntime;
  let folders: string[];
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    folders = await Promise.all(['e2e-notice-', 'e2e-notice-web-', 'e2e-notice-chromium-'].map((prefix) => mkdtemp(join(tmpdir(), prefix))));
    const [dataDir, webDistDir, profileDir] = folders as [string, string, string];
    await buildWebClient(webDistDir);
    runtime = await startLocalRuntime({ dataDir, webDistDir, environment: { NOTES_ENGINE: 'offline' } });
    browser = await launchChromium(profileDir);
    await browser.addInitScript(PAGE_HOOKS);
    page = browser.pages()[0] ?? (await browser.newPage());
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await Promise.all((folders ?? []).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const notices = () => page.evaluate(() => (window as unknown as PageHooks).__notices.map(({ title, body }) => ({ title, body })));
  const permissionAsks = () => page.evaluate(() => (window as unknown as PageHooks).__permissionAsks);

  /** Uploads the sample from the home page and waits for the job's own page. */
  async function startJob(): Promise<string> {
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByLabel(/choose a file/i).setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Make notes' }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]+$/);
    return /#\/jobs\/([^/]+)$/.exec(page.url())![1]!;
  }

  it('asks for permission only once the user starts a job, never on load', async () => {
    await page.goto(`${runtime.apiUrl}/`);
    await page.getByLabel('Your name').fill('grace');
    await page.keyboard.press('Enter');
    await page.getByText('No lectures yet').waitFor();
    expect(await permissionAsks()).toBe(0);

    await startJob();
    expect(await permissionAsks()).toBe(1);
    await page.getByRole('article').getByRole('heading', { level: 1 }).waitFor({ timeout: 45_000 });
    expect(await notices()).toEqual([]);
  });

  it('says when a job ends while the tab is in the background, and a click brings the tab back to the job', async () => {
    await browser.grantPermissions(['notifications'], { origin: runtime.apiUrl });
    const jobId = await startJob();
    // Granted already: nothing more to ask.
    expect(await permissionAsks()).toBe(1);
    await page.evaluate(() => (window as unknown as PageHooks).__setHidden(true));

    // A hidden tab still polls (at the slowest pace) while a notice is due.
    await page.waitForFunction(() => (window as unknown as PageHooks).__notices.length > 0, undefined, { timeout: 50_000 });
    expect(await notices()).toEqual([{ title: 'Notes ready: how-databases-keep-promises.vtt', body: expect.stringMatching(/written/) }]);

    await page.evaluate(() => (window.location.hash = '#/'));
    await page.evaluate(() => (window as unknown as PageHooks).__notices[0]!.notice.onclick?.(new Event('click')));
    expect(page.url()).toMatch(new RegExp(`#/jobs/${jobId}$`));
    expect(await page.evaluate(() => (window as unknown as PageHooks).__focusCalls)).toBe(1);
    await page.evaluate(() => (window as unknown as PageHooks).__setHidden(false));
  });

  it('shows nothing when the job ends while the tab is on screen', async () => {
    const before = (await notices()).length;
    await startJob();
    await page.getByRole('article').getByRole('heading', { level: 1 }).waitFor({ timeout: 45_000 });
    expect((await notices()).length).toBe(before);
  });
});
