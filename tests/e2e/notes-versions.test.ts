import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, isApiError, type ApiClient } from '../../shared/contracts/api-client';
import type { JobStatusDocument } from '../../shared/contracts/api';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { silentWav } from '../fixtures/audio';
import { transcriptKey } from '../../shared/domain/object-keys';
import { runName, versionRunName } from '../../shared/domain/run-names';
import { expectStudyNotes, runLecture } from './lecture-run';

const LECTURE_TEXT = [
  'Good morning everyone. Today we study entropy, which is a measure of how many microscopic arrangements fit one macroscopic state.',
  'The second law of thermodynamics says that the entropy of an isolated system never decreases.',
  'There are three consequences. First, heat flows from hot to cold. Second, no engine is perfectly efficient. Third, time has a direction.',
  'For example, an ice cube left on a table melts because the arrangements of liquid water far outnumber those of the ice.',
  '',
  'Now let us move on to the Carnot engine. A Carnot engine is an idealised engine that runs a reversible cycle between two reservoirs.',
  'Its efficiency depends only on the temperatures of the two reservoirs. The efficiency equals one minus the cold temperature over the hot temperature.',
  'A heat pump is a Carnot engine run backwards. Read chapter four before Friday. That is all for today.',
].join('\n');

/** Polls until the version is finished, keeping every progress seen. */
async function watchVersion(api: ApiClient, jobId: string, version: number, timeoutMs = 50_000) {
  const seen: JobStatusDocument[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api.getJob(jobId);
    seen.push(job);
    const current = job.versions.find((candidate) => candidate.version === version);
    if (current && ['completed', 'failed'].includes(current.status)) return { job, version: current, seen };
    if (Date.now() > deadline) throw new Error(`Version ${version} of job ${jobId} is still ${current?.status} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('versions of a lecture\'s notes, through the local runtime', () => {
  let runtime: LocalRuntime;
  let api: ApiClient;
  let assemblyAi: AssemblyAiStandIn;

  beforeAll(async () => {
    assemblyAi = await startAssemblyAiStandIn({ apiKey: 'test-key', text: LECTURE_TEXT, processingPolls: 1 });
    runtime = await startScratchRuntime({
      environment: { ASSEMBLYAI_API_KEY: 'test-key', ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl, NOTES_ENGINE: 'offline' },
      waitOverrides: { WaitForTranscript: 20 },
    });
    const token = runtime.issueToken('student-1');
    api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
  });
  afterAll(async () => {
    await runtime?.stop();
    await assemblyAi?.close();
  });
  beforeEach(() => {
    assemblyAi.requests.length = 0;
  });

  it('writes a new version in another style from the stored transcript, never transcribing again, and keeps the first one served', async () => {
    const token = runtime.issueToken('student-1');
    const run = await runLecture(runtime.apiUrl, token, { path: 'entropy-lecture.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('completed');
    expect(run.final.versions).toEqual([expect.objectContaining({ version: 1, style: 'study', status: 'completed', notesReady: true })]);
    const first = expectStudyNotes(await api.getNotes(run.jobId));
    const firstMarkdown = await api.getNotesMarkdown(run.jobId);
    const transcriptionCalls = assemblyAi.requests.length;
    expect(transcriptionCalls).toBeGreaterThan(0);

    const asked = await api.createNotesVersion(run.jobId, { style: 'exam-prep', instructions: 'Focus on the Carnot engine.' });
    expect(asked.versions.map(({ version, style }) => ({ version, style }))).toEqual([
      { version: 1, style: 'study' },
      { version: 2, style: 'exam-prep' },
    ]);
    // Asked again while it is written (a double click, a client retrying): the same version, one run.
    const again = await api.createNotesVersion(run.jobId, { style: 'exam-prep', instructions: 'Focus on the Carnot engine.' });
    expect(again.versions).toHaveLength(2);
    const done = await watchVersion(api, run.jobId, 2);
    expect(done.version).toMatchObject({ status: 'completed', notesReady: true, progress: 100 });
    expect(done.job.status).toBe('completed');
    expect(done.job.updatedAt).toBe(run.final.updatedAt);

    // No upload, no transcription: the stand-in heard nothing more.
    expect(assemblyAi.requests).toHaveLength(transcriptionCalls);
    const runNames = runtime.stateMachine.executionArns().filter((arn) => arn.includes(run.jobId)).map((arn) => arn.split(':').pop());
    expect(runNames).toEqual([runName(run.jobId, 1), versionRunName(run.jobId, 2, 1)]);
    // Its run went straight from StartJob to the stored transcript's chunks.
    const states = runtime.stateMachine.history(runtime.stateMachine.executionArns().find((arn) => arn.endsWith(versionRunName(run.jobId, 2, 1)))!)
      .filter((entry) => entry.type === 'StateEntered')
      .map((entry) => entry.state);
    expect(states).not.toContain('SubmitTranscription');
    expect(states).toContain('ChunkTranscript');

    const second = expectStudyNotes(await api.getNotes(run.jobId));
    expect(await api.getNotes(run.jobId, 2)).toEqual(second);
    expect(second.reviewQuestions.length).toBeGreaterThanOrEqual(first.reviewQuestions.length);
    expect(second.caveats.join(' ')).toMatch(/cannot follow free-text instructions/);
    // Exam preparation asks its questions before the notes.
    const secondMarkdown = await api.getNotesMarkdown(run.jobId, 2);
    expect(secondMarkdown.indexOf('## Review questions')).toBeLessThan(secondMarkdown.indexOf('## Contents'));
    // The first version is still there, unchanged.
    expect(await api.getNotes(run.jobId, 1)).toEqual(first);
    expect(await api.getNotesMarkdown(run.jobId, 1)).toBe(firstMarkdown);

    const summary = await api.createNotesVersion(run.jobId, { style: 'summary' });
    expect(summary.versions.at(-1)).toMatchObject({ version: 3, style: 'summary' });
    expect((await watchVersion(api, run.jobId, 3)).version.status).toBe('completed');
    const short = await api.getNotes(run.jobId);
    // How much shorter is for the offline engine's unit test on a full lecture; this one is a few sentences long.
    expect(short.overview.length).toBeLessThanOrEqual(first.overview.length);
    const points = (notes: typeof first) => notes.sections.flatMap((section) => section.keyPoints).length;
    expect(points(short)).toBeLessThanOrEqual(points(first));
    expect(short.reviewQuestions.length).toBeLessThanOrEqual(first.reviewQuestions.length);
    expect(assemblyAi.requests).toHaveLength(transcriptionCalls);
  });

  it('retries a failed version as its next attempt, which writes it, and refuses to retry one that has not failed', async () => {
    const token = runtime.issueToken('student-1');
    const run = await runLecture(runtime.apiUrl, token, { path: 'carnot-lecture.wav', contentType: 'audio/wav', body: silentWav() });
    expect(run.final.status).toBe('completed');
    const s3 = new S3Client({ region: 'us-east-1', endpoint: runtime.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const transcript = { Bucket: runtime.config.bucketName, Key: transcriptKey(run.jobId) };
    const stored = await (await s3.send(new GetObjectCommand(transcript))).Body!.transformToString();
    // A transcript the version's run cannot read fails that version alone.
    await s3.send(new PutObjectCommand({ ...transcript, Body: '{"not":"a transcript"}', ContentType: 'application/json' }));
    await api.createNotesVersion(run.jobId, { style: 'detailed' });
    const failed = await watchVersion(api, run.jobId, 2);
    expect(failed.version).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('transcript.json is damaged') } });
    expect(failed.job.status).toBe('completed');

    await s3.send(new PutObjectCommand({ ...transcript, Body: stored, ContentType: 'application/json' }));
    const retried = await api.retryNotesVersion(run.jobId, 2);
    expect(retried.versions.at(-1)).toMatchObject({ version: 2, style: 'detailed', status: 'queued' });
    expect((await watchVersion(api, run.jobId, 2)).version).toMatchObject({ status: 'completed', notesReady: true });
    expectStudyNotes(await api.getNotes(run.jobId, 2));
    const runNames = runtime.stateMachine.executionArns().filter((arn) => arn.includes(run.jobId)).map((arn) => arn.split(':').pop());
    expect(runNames).toEqual([runName(run.jobId, 1), versionRunName(run.jobId, 2, 1), versionRunName(run.jobId, 2, 2)]);

    const again = await api.retryNotesVersion(run.jobId, 2).catch((error: unknown) => error);
    expect(isApiError(again) && again.status).toBe(409);
    expect(again).toMatchObject({ code: 'NotFailed' });
    s3.destroy();
  });

  it('answers a bad style, overlong instructions or an unknown version with a 4xx and a JSON message', async () => {
    const token = runtime.issueToken('student-1');
    const run = await runLecture(runtime.apiUrl, token, { path: 'entropy-lecture.wav', contentType: 'audio/wav', body: silentWav() });
    const post = (body: unknown) =>
      fetch(`${runtime.apiUrl}/jobs/${run.jobId}/notes`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const body of [{ style: 'poem' }, { instructions: 'x'.repeat(501) }, { style: 7 }]) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(await answer.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    await expect(api.getNotes(run.jobId, 5)).rejects.toSatisfy((error) => isApiError(error, 404));
    const notANumber = await fetch(`${runtime.apiUrl}/jobs/${run.jobId}/notes?version=two`, { headers: { authorization: `Bearer ${token}` } });
    expect(notANumber.status).toBe(400);
    expect(await notANumber.json()).toMatchObject({ error: 'InvalidRequest' });
  });
});
