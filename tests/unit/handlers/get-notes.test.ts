import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/get-notes';
import type { JobRecord } from '../../../shared/contracts/job';
import { renderNotesMarkdown } from '../../../shared/domain/notes-markdown';
import { notesKey, notesMarkdownKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';
import { studyNotes } from '../../fixtures/study-notes';

const JOB_ID = 'job-4';

const notes = studyNotes({ jobId: JOB_ID, title: 'How databases keep promises' });
const markdown = renderNotesMarkdown(notes);

const completedJob = jobRecord({
  jobId: JOB_ID,
  status: 'completed',
  progress: 100,
  artifacts: { upload: `uploads/${JOB_ID}/week-3.vtt`, notes: notesKey(JOB_ID), notesMarkdown: notesMarkdownKey(JOB_ID) },
});

async function getNotes(job: JobRecord, headers: Record<string, string> = {}, storedNotes = JSON.stringify(notes)) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  deps.objects.put(notesKey(JOB_ID), storedNotes, 'application/json');
  deps.objects.put(notesMarkdownKey(JOB_ID), markdown, 'text/markdown; charset=utf-8');
  return makeHandler(deps)(apiEvent({ path: `/jobs/${JOB_ID}/notes`, pathParameters: { jobId: JOB_ID }, headers }));
}

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
});
