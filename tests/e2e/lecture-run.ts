import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { expect } from 'vitest';
import type { JobStatusDocument, UploadInstructions } from '../../shared/contracts/api';
import { TERMINAL_STATUSES } from '../../shared/contracts/job-status';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import { LectureNotesSchema, type LectureNotes } from '../../shared/contracts/notes';

/** What a client saw of one job, from creation to its end. */
export interface LectureRun {
  jobId: string;
  final: JobStatusDocument;
  /** Every status document polled, in order. */
  updates: JobStatusDocument[];
  /** How long each of those polls took to answer, in milliseconds. */
  pollMs: number[];
}

/** Sends a file in the presigned upload form as a browser does: every field, then the file last. */
export async function sendUploadForm(upload: UploadInstructions, file: { name: string; contentType: string; body: Uint8Array<ArrayBuffer> }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([file.body], { type: file.contentType }), file.name);
  const response = await fetch(upload.url, { method: upload.method, body: form });
  if (!response.ok) throw new Error(`Upload refused: ${response.status} ${await response.text()}`);
}

/** Polls a job until it ends, keeping every status document seen. */
export async function watchJob(api: ApiClient, jobId: string, timeoutMs = 50_000, intervalMs = 50): Promise<Omit<LectureRun, 'jobId'>> {
  const updates: JobStatusDocument[] = [];
  const pollMs: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asked = performance.now();
    const job = await api.getJob(jobId);
    pollMs.push(performance.now() - asked);
    updates.push(job);
    if (TERMINAL_STATUSES.includes(job.status)) return { final: job, updates, pollMs };
    if (Date.now() > deadline) throw new Error(`Job ${jobId} still ${job.status} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Creates a job, uploads the file in the presigned form as a browser does, and polls until the job ends. */
export async function runLecture(
  apiUrl: string,
  token: string,
  file: { path: string; contentType: string; body?: Uint8Array<ArrayBuffer> },
  watch: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<LectureRun> {
  const api = createApiClient({ baseUrl: apiUrl, idToken: () => token });
  const body = file.body ?? new Uint8Array(await readFile(file.path));
  const created = await api.createJob({ fileName: basename(file.path), contentType: file.contentType, sizeBytes: body.byteLength });
  await sendUploadForm(created.upload, { name: basename(file.path), contentType: file.contentType, body });
  return { jobId: created.jobId, ...(await watchJob(api, created.jobId, watch.timeoutMs, watch.intervalMs)) };
}

export const isNonDecreasing = (values: number[]) => values.every((value, index) => index === 0 || value >= values[index - 1]!);

/**
 * What finished notes hold whichever engine wrote them: the schema, sections in lecture order with
 * times inside the lecture, one glossary entry per term, and every other time inside the lecture.
 * Returns the notes as the schema reads them.
 */
export function expectStudyNotes(answer: unknown): LectureNotes {
  const notes = LectureNotesSchema.parse(answer);
  const lectureEnd = notes.source.durationSeconds + 1;
  const insideLecture = (seconds: number) => seconds >= 0 && seconds <= lectureEnd;
  expect(notes.sections.length).toBeGreaterThan(0);
  notes.sections.forEach((section, index) => {
    expect(section.start, `section ${index} starts before it ends`).toBeLessThanOrEqual(section.end);
    expect(insideLecture(section.end), `section ${index} ends inside the lecture`).toBe(true);
    if (index > 0) expect(section.start, `section ${index} comes after the one before`).toBeGreaterThanOrEqual(notes.sections[index - 1]!.start);
  });
  const terms = notes.glossary.map((entry) => entry.term.trim().toLowerCase());
  expect(new Set(terms).size, `glossary terms are unique: ${terms.join(', ')}`).toBe(terms.length);
  const moments = [...notes.glossary.map((entry) => entry.firstExplainedAt), ...notes.reviewQuestions.map((question) => question.at), ...notes.actionItems.map((item) => item.at)];
  expect(moments.filter((moment) => !insideLecture(moment))).toEqual([]);
  expect(notes.source.language).toMatch(/^[a-z]{2,3}$/);
  return notes;
}
