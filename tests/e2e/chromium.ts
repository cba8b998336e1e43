import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: the browser tests run the one the machine has, never a downloaded one. */
const CHROMIUM = '/usr/bin/chromium';

const run = promisify(execFile);

/**
 * Builds the page from the sources (never a stale one: a clean clone has none), into `outDir`
 * when given, so two browser tests in two workers do not build into the same folder at once.
 */
export async function buildWebClient(outDir?: string): Promise<void> {
  const target = outDir ? ['--outDir', outDir, '--emptyOutDir'] : [];
  await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', ...target, '--logLevel', 'error']);
}

/** A headless Chromium with its own profile in `profileDir`, quiet on the network beyond the page. */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y --no-install-recommends chromium (.ci/run does this).`);
  }
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
}
