import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStudyNotes } from './lecture-run';

const run = promisify(execFile);

/** Runs `npm run notes -- ...` the way a user does, minus npm: the same entry point, in a fresh process. */
async function notes(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'cli/notes.ts', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run notes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notes-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('turns a sample lecture into Markdown notes with no keys, showing progress on stderr', async () => {
    const out = join(dir, 'photosynthesis.md');
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/100%\s+Notes ready/);
    expect(result.stderr).toContain(`written to ${out}`);
    expect(result.stderr).toMatch(/The notes hold [1-9]\d* sections?, [1-9]\d* glossary terms?, [1-9]\d* review questions?.*; English \(en\), by the offline engine/);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toMatch(/^# .+\n/);
    expect(markdown).toMatch(/\n## Overview\n\n\S/);
    expect(markdown).toMatch(/\n## Contents\n\n- \\\[0:\d\d\\\] \[/);
    expect(markdown).toMatch(/\n## Glossary\n\n- \*\*[^*]+\*\*: /);
    expect(markdown).toMatch(/\n## Review questions\n\n1\. /);
  });

  it('writes JSON notes to stdout with --json --out -', async () => {
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--json', '--out', '-');
    expect(result.code).toBe(0);
    const written = expectStudyNotes(JSON.parse(result.stdout));
    expect(written.source).toMatchObject({ fileName: 'photosynthesis-light-reactions.srt', language: 'en', engine: { kind: 'offline' } });
    expect(written.reviewQuestions.length).toBeGreaterThan(0);
  });

  it('exits 1 with the job\'s own error when the lecture cannot be read', async () => {
    const broken = join(dir, 'broken.srt');
    await writeFile(broken, '1\n00:00:01,000 --> 00:00:0x,000\nHello.\n');
    const result = await notes(broken, '--out', join(dir, 'never.md'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The job failed during .+: .*line 2/i);
  });

  it('exits 2 with the usage when the file is not something it takes', async () => {
    const image = join(dir, 'slide.png');
    await writeFile(image, 'not a lecture');
    const result = await notes(image);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run notes');
  });
});
