import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/get-notes';
import type { JobRecord } from '../../../shared/contracts/job';
import type { Transcript } from '../../../shared/contracts/transcript';
import { renderAnkiCsv } from '../../../shared/domain/exports/anki-csv';
import { dispositionFileName } from '../../../shared/domain/exports/download-file-name';
import { renderSrt, renderWebVtt } from '../../../shared/domain/exports/transcript-subtitles';
import { renderNotesMarkdown } from '../../../shared/domain/notes-markdown';
import { notesKey, notesMarkdownKey, transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';
import { studyNotes } from '../../fixtures/study-notes';

const JOB_ID = 'job-4';

const notes = studyNotes({ jobId: JOB_ID, title: 'How databases keep promises' });
const markdown = renderNotesMarkdown(notes);

const transcript: Transcript = {
  source: 'captions',
  language: 'en',
  durationSeconds: 3723,
  segments: [
    { start: 0, end: 4, text: 'Good morning. Today: how databases keep promises.' },
    { start: 62, end: 66.5, text: 'A transaction is a unit of work that commits or rolls back as a whole.' },
  ],
};

const completedJob = jobRecord({
  jobId: JOB_ID,
  status: 'completed',
  progress: 100,
  artifacts: { upload: `uploads/${JOB_ID}/week-3.vtt`, transcript: transcriptKey(JOB_ID), notes: notesKey(JOB_ID), notesMarkdown: notesMarkdownKey(JOB_ID) },
});

interface Stored {
  notes?: string;
  transcript?: string;
}

async function getNotes(job: JobRecord, headers: Record<string, string> = {}, storedNotes = JSON.stringify(notes), query?: Record<string, string>, stored: Stored = {}) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  deps.objects.put(notesKey(JOB_ID), stored.notes ?? storedNotes, 'application/json');
  deps.objects.put(notesMarkdownKey(JOB_ID), markdown, 'text/markdown; charset=utf-8');
  deps.objects.put(transcriptKey(JOB_ID), stored.transcript ?? JSON.stringify(transcript), 'application/json');
  const event = apiEvent({ path: `/jobs/${JOB_ID}/notes`, pathParameters: { jobId: JOB_ID }, headers });
  return makeHandler(deps)({ ...event, queryStringParameters: query ?? null });
}

const exportOf = (format: string, job = completedJob, stored: Stored = {}, headers: Record<string, string> = {}) => getNotes(job, headers, undefined, { format }, stored);

describe('GET /jobs/{jobId}/notes', () => {
  it('answers 409 while the job runs, saying the stage and how far it got', async () => {
    const result = await getNotes(jobRecord({ jobId: JOB_ID, status: 'generating_notes', progress: 61 }));

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'NotesNotReady', message: expect.stringMatching(/the job is writing notes \(61%\)/) });
  });

  it('answers 409 for a failed job, with the reason it failed', async () => {
    const failure = { message: 'The speech-to-text provider could not transcribe week-3.mp3: no speech found', stage: 'transcribing', code: 'TranscriptionFailed' } as const;

    const result = await getNotes(jobRecord({ jobId: JOB_ID, status: 'failed', error: failure }));

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result).message).toContain(failure.message);
  });

  it('answers the notes as JSON by default', async () => {
    const result = await getNotes(completedJob);

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(jsonBodyOf(result)).toEqual(notes);
  });

  it('answers Markdown to a client that accepts text/markdown', async () => {
    const result = await getNotes(completedJob, { Accept: 'text/html;q=0.5, text/markdown' });

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^text\/markdown/);
    expect(result.body).toBe(markdown);
  });

  it.each([
    ['text/markdown;q=0, */*', 'application/json'],
    ['application/json;q=0.2, text/markdown;q=0.9', 'text/markdown'],
    ['text/*', 'text/markdown'],
    ['*/*', 'application/json'],
    ['application/json, text/markdown', 'application/json'],
  ])('answers Accept: %s with %s', async (accept, type) => {
    const result = await getNotes(completedJob, { accept });

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(new RegExp(`^${type}`));
  });

  it.each(['text/markdown;q=0', 'text/html', 'application/json;q=0, text/markdown;q=0', '*/*;q=0'])('answers 406, naming what it offers, to Accept: %s', async (accept) => {
    const result = await getNotes(completedJob, { accept });

    expect(result.statusCode).toBe(406);
    expect(apiErrorOf(result)).toMatchObject({ error: 'NotAcceptable', message: expect.stringContaining('application/json or text/markdown') });
  });

  it("answers another user's finished notes as not found", async () => {
    const result = await getNotes({ ...completedJob, owner: 'student-2' });

    expect(result.statusCode).toBe(404);
    expect(result.body).not.toContain(notes.title);
  });

  it.each([
    { case: 'JSON that is not notes', stored: '{"forged": true}', reason: 'does not match its format' },
    { case: 'text that is not JSON', stored: '<html>', reason: 'is not JSON' },
  ])('answers 422 StoredDataInvalid, naming the job and the file, when the stored notes are $case', async ({ stored, reason }) => {
    const result = await getNotes(completedJob, {}, stored);

    expect(result.statusCode).toBe(422);
    const answer = apiErrorOf(result);
    expect(answer.error).toBe('StoredDataInvalid');
    expect(answer.message).toContain(`job ${JOB_ID}`);
    expect(answer.message).toContain(notesKey(JOB_ID));
    expect(answer.message).toContain(reason);
  });

  describe('?format=', () => {
    it.each([
      ['md', /^text\/markdown; charset=utf-8$/, 'How databases keep promises.notes.md', markdown],
      ['json', /^application\/json; charset=utf-8$/, 'How databases keep promises.notes.json', `${JSON.stringify(notes, null, 2)}\n`],
      ['vtt', /^text\/vtt; charset=utf-8$/, 'How databases keep promises.transcript.vtt', renderWebVtt(transcript)],
      ['srt', /^application\/x-subrip; charset=utf-8$/, 'How databases keep promises.transcript.srt', renderSrt(transcript)],
      ['anki', /^text\/csv; charset=utf-8$/, 'How databases keep promises.flashcards.csv', renderAnkiCsv(notes)],
    ])('serves %s as an attachment of its type, named after the title', async (format, type, fileName, body) => {
      const result = await exportOf(format);

      expect(result.statusCode).toBe(200);
      expect(result.headers?.['content-type']).toMatch(type);
      expect(result.headers?.['content-disposition']).toBe(`attachment; filename="${fileName}"`);
      expect(result.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      expect(result.isBase64Encoded ?? false).toBe(false);
      expect(result.body).toBe(body);
    });

    it('serves Word as base64 bytes, for API Gateway to decode, that open as a document of the notes', async () => {
      const result = await exportOf('docx');

      expect(result.statusCode).toBe(200);
      expect(result.headers?.['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(dispositionFileName(String(result.headers?.['content-disposition']))).toBe('How databases keep promises.notes.docx');
      expect(result.isBase64Encoded).toBe(true);
      const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(result.body, 'base64') });
      expect(text).toContain(notes.title);
      expect(text).toContain(notes.sections[0]!.title);
    });

    it('takes the format over the Accept header', async () => {
      const result = await exportOf('md', completedJob, {}, { accept: 'application/json' });

      expect(result.statusCode).toBe(200);
      expect(result.body).toBe(markdown);
    });

    it('names a title beyond ASCII in filename*, beside an ASCII fallback', async () => {
      const result = await exportOf('anki', completedJob, { notes: JSON.stringify({ ...notes, title: 'El ciclo del agua: ¿por qué llueve?' }) });

      expect(dispositionFileName(String(result.headers?.['content-disposition']))).toBe('El ciclo del agua ¿por qué llueve.flashcards.csv');
      expect(result.headers?.['content-disposition']).toMatch(/^attachment; filename="El ciclo del agua _por que llueve\.flashcards\.csv"; filename\*=UTF-8''/);
    });

    it.each(['pdf', '', 'DOCX', 'x'.repeat(500)])('answers 400 UnknownFormat, naming the formats there are, to format=%s', async (format) => {
      const result = await exportOf(format);

      expect(result.statusCode).toBe(400);
      const answer = apiErrorOf(result);
      expect(answer.error).toBe('UnknownFormat');
      expect(answer.message).toContain('md, json, docx, vtt, srt, anki');
      expect(answer.message.length).toBeLessThan(200);
    });

    it('answers 409 while the job runs, whatever the format', async () => {
      const result = await exportOf('vtt', jobRecord({ jobId: JOB_ID, status: 'generating_notes', progress: 61 }));

      expect(result.statusCode).toBe(409);
      expect(apiErrorOf(result).error).toBe('NotesNotReady');
    });

    it('answers 422 StoredDataInvalid, naming the transcript, when the subtitles cannot be made from it', async () => {
      const damaged = await exportOf('srt', completedJob, { transcript: '{"segments": "none"}' });
      expect(damaged.statusCode).toBe(422);
      expect(apiErrorOf(damaged).message).toContain(`The transcript of job ${JOB_ID} cannot be read`);

      const missing = await exportOf('vtt', { ...completedJob, artifacts: { ...completedJob.artifacts, transcript: undefined } });
      expect(missing.statusCode).toBe(422);
      expect(apiErrorOf(missing)).toMatchObject({ error: 'StoredDataInvalid', message: expect.stringContaining('no transcript') });
    });

    it('answers 422 StoredDataInvalid for an export of damaged notes', async () => {
      const result = await exportOf('docx', completedJob, { notes: '{"forged": true}' });

      expect(result.statusCode).toBe(422);
      expect(apiErrorOf(result).message).toContain(`The notes of job ${JOB_ID} cannot be read`);
    });
  });
});
