import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import SrtParser from 'srt-parser-2';
import { WebVTTParser } from 'webvtt-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import type { LectureNotes } from '../../shared/contracts/notes';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { expectStudyNotes, runLecture } from './lecture-run';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Every export of one lecture, through the local API Gateway, downloaded as the page and the CLI download it and opened by a reader of its format. */
describe('the exports of a lecture through the local runtime', () => {
  let runtime: LocalRuntime;
  let token: string;
  let api: ApiClient;
  let jobId: string;
  let notes: LectureNotes;

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    token = runtime.issueToken('student-1');
    api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    const run = await runLecture(runtime.apiUrl, token, { path: 'samples/how-databases-keep-promises.vtt', contentType: 'text/vtt' });
    expect(run.final.status).toBe('completed');
    jobId = run.jobId;
    notes = expectStudyNotes(await api.getNotes(jobId));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('downloads the Markdown and the JSON named after the title, the same notes as the API answers', async () => {
    const markdown = await api.getNotesExport(jobId, 'md');
    expect(markdown.fileName).toMatch(/\.notes\.md$/);
    expect(text(markdown.bytes)).toBe(await api.getNotesMarkdown(jobId));

    const json = await api.getNotesExport(jobId, 'json');
    expect(json.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(text(json.bytes))).toEqual(notes);
  });

  it('downloads a Word document that opens with every section as a heading', async () => {
    const docx = await api.getNotesExport(jobId, 'docx');

    expect(docx.contentType).toBe(DOCX);
    expect(docx.fileName).toMatch(/\.notes\.docx$/);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(docx.bytes) }, { styleMap: ["p[style-name='Title'] => h1.title:fresh"] });
    expect(messages).toEqual([]);
    const headings = [...html.matchAll(/<h1>(?:<a id="[^"]+"><\/a>)?([^<]*)<\/h1>/g)].map((match) => match[1]);
    for (const section of notes.sections) expect(headings).toContain(section.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('downloads the transcript as WebVTT and SubRip that subtitle parsers read, over the whole recording', async () => {
    const entities = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<string, string>;
    const vtt = new WebVTTParser(entities).parse(text((await api.getNotesExport(jobId, 'vtt')).bytes), 'metadata');
    expect(vtt.errors).toEqual([]);
    expect(vtt.cues.at(-1)!.endTime).toBeGreaterThan(notes.source.durationSeconds - 60);

    const srt = new SrtParser().fromSrt(text((await api.getNotesExport(jobId, 'srt')).bytes));
    expect(srt.map((cue) => [cue.startSeconds, cue.endSeconds, cue.text])).toEqual(vtt.cues.map((cue) => [cue.startTime, cue.endTime, expect.any(String)]));
  });

  it('downloads the review questions and the glossary as flashcards a CSV reader reads', async () => {
    const anki = await api.getNotesExport(jobId, 'anki');

    const rows: string[][] = parse(text(anki.bytes), { comment: '#', comment_no_infix: true });
    expect(rows).toHaveLength(notes.reviewQuestions.length + notes.glossary.length);
    expect(rows[0]![0]).toBe(notes.reviewQuestions[0]!.question);
  });

  it('sends Word as base64 text to a client that does not ask for it first, as API Gateway does, and 400 for a format there is not', async () => {
    const plain = await fetch(`${runtime.apiUrl}/jobs/${jobId}/notes?format=docx`, { headers: { authorization: `Bearer ${token}`, accept: '*/*' } });
    expect(Buffer.from(await plain.text(), 'base64').subarray(0, 2).toString()).toBe('PK');

    const unknown = await fetch(`${runtime.apiUrl}/jobs/${jobId}/notes?format=pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'UnknownFormat', message: expect.stringContaining('md, json, docx, vtt, srt, anki') });
  });
});
