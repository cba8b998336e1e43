import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { WebVTTParser } from 'webvtt-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStatusDocumentSchema } from '../../shared/contracts/api';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
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

/** Where `--format anki` writes without --out: beside where it runs, named after the lecture. */
const DEFAULT_ANKI_OUT = 'photosynthesis-light-reactions.flashcards.csv';

describe('npm run notes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notes-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(DEFAULT_ANKI_OUT, { force: true });
  });

  it('turns a sample lecture into Markdown notes with no keys, showing progress on stderr', async () => {
    const out = join(dir, 'photosynthesis.md');
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/100%\s+Notes ready/);
    expect(result.stderr).toContain(`written to ${out}`);
    expect(result.stderr).toMatch(/The notes hold [1-9]\d* sections?, [1-9]\d* glossary terms?, [1-9]\d* review questions?.*; English \(en\), by the offline engine/);
    // The last line is the ledger: no provider fees for captions and the offline engine, AWS's own charges measured.
    const costLine = result.stderr.trim().split('\n').at(-1);
    expect(costLine).toMatch(/^Cost \$0\.0\d+: transcription \$0, notes \$0, AWS \$0\.0\d+ \(rates of \d{4}-\d{2}-\d{2}\)\.$/);
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

  it('with --wait false, prints {jobId, statusUrl} once the file is uploaded, and the job goes on without it', async () => {
    const runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    try {
      const token = runtime.issueToken('script');
      const result = await notes('samples/photosynthesis-light-reactions.srt', '--api', runtime.apiUrl, '--token', token, '--wait', 'false', '--json');
      expect(result.code).toBe(0);
      const started = JSON.parse(result.stdout) as { jobId: string; statusUrl: string };
      expect(started.statusUrl).toBe(`${runtime.apiUrl}/jobs/${started.jobId}`);
      expect(result.stderr).toContain(`GET ${started.statusUrl}`);
      let job = JobStatusDocumentSchema.parse(await (await fetch(started.statusUrl, { headers: { authorization: `Bearer ${token}` } })).json());
      for (const deadline = Date.now() + 45_000; job.status !== 'completed' && job.status !== 'failed' && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = JobStatusDocumentSchema.parse(await (await fetch(started.statusUrl, { headers: { authorization: `Bearer ${token}` } })).json());
      }
      expect(job.status).toBe('completed');
    } finally {
      await runtime.stop();
    }
  });

  it('exits 2 with an actionable message for --wait false without --api, and for a --wait that is not true or false', async () => {
    const local = await notes('samples/photosynthesis-light-reactions.srt', '--wait', 'false');
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--wait false needs --api.*npm start/);
    expect(local.stderr).toContain('Usage: npm run notes');
    const unclear = await notes('samples/photosynthesis-light-reactions.srt', '--wait', 'later');
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toContain('--wait takes true or false, not "later".');
  });

  it('writes a Word document with --format docx that opens with the notes as headings', async () => {
    const out = join(dir, 'photosynthesis.docx');
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--format', 'docx', '--out', out);
    expect(result.code).toBe(0);
    const { value: html } = await mammoth.convertToHtml({ path: out });
    expect(html).toMatch(/<h1>Overview<\/h1>/);
    expect(html).toMatch(/<h1>Review questions<\/h1><ol><li>/);
  });

  it('writes the transcript as WebVTT to stdout with --format vtt --out -', async () => {
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--format', 'vtt', '--out', '-');
    expect(result.code).toBe(0);
    const entities = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<string, string>;
    const { cues, errors } = new WebVTTParser(entities).parse(result.stdout, 'metadata');
    expect(errors).toEqual([]);
    expect(cues.length).toBeGreaterThan(10);
  });

  it('writes the flashcards to <lecture>.flashcards.csv with --format anki and no --out', async () => {
    const result = await notes('samples/photosynthesis-light-reactions.srt', '--format', 'anki');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`written to ${DEFAULT_ANKI_OUT}`);
    const rows: string[][] = parse(await readFile(DEFAULT_ANKI_OUT, 'utf8'), { comment: '#', comment_no_infix: true });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveLength(3);
  });

  it.each([
    [['--format', 'pdf'], 'There is no format "pdf": use md, json, docx, vtt, srt, anki.'],
    [['--json', '--format', 'md'], '--json asks for JSON and --format for md: give one.'],
  ])('exits 2 with the usage for %j, before starting anything', async (flags, message) => {
    const result = await notes('samples/photosynthesis-light-reactions.srt', ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--format F');
  });
});
