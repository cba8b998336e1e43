import type { APIGatewayProxyEvent } from 'aws-lambda';
import { NotesFormatSchema, type NotesFormat } from '../../shared/contracts/api';
import type { JobRecord } from '../../shared/contracts/job';
import { LectureNotesSchema, type LectureNotes } from '../../shared/contracts/notes';
import { TranscriptSchema, type Transcript } from '../../shared/contracts/transcript';
import { renderAnkiCsv } from '../../shared/domain/exports/anki-csv';
import { attachmentDisposition } from '../../shared/domain/exports/download-file-name';
import { EXPORT_FORMATS } from '../../shared/domain/exports/export-formats';
import { renderNotesDocx } from '../../shared/domain/exports/notes-docx';
import { renderSrt, renderWebVtt } from '../../shared/domain/exports/transcript-subtitles';
import { JobError } from '../../shared/domain/job-error';
import { latestCompletedVersion, versionsOf } from '../../shared/domain/notes-versions';
import { statusInSentence } from '../../shared/domain/status-words';
import type { ObjectStore } from '../../shared/ports/object-store';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, attachmentResponse, callerOf, header, httpHandler, jsonResponse, negotiate, pathParameter, textResponse } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';
import { versionNotFound, versionNumberOf } from '../runtime/version-number';
import { readStoredJson } from '../runtime/stored-json';

/** What the notes come as without ?format=, JSON first: it is what a client that states no preference gets. */
const NOTES_TYPES = ['application/json', 'text/markdown'] as const;

/** The ?format= asked for; undefined when none was, so the Accept header decides. */
function requestedFormat(event: APIGatewayProxyEvent): NotesFormat | undefined {
  const asked = event.queryStringParameters?.format;
  if (asked === undefined) return undefined;
  const parsed = NotesFormatSchema.safeParse(asked);
  if (!parsed.success) {
    const shown = asked.length > 20 ? `${asked.slice(0, 20)}…` : asked;
    throw new HttpError(400, 'UnknownFormat', `There is no notes format "${shown}": ask for format=${NotesFormatSchema.options.join(', ')}.`);
  }
  return parsed.data;
}

/** Nothing the caller sent is wrong and retrying will not help: say which job's file is damaged instead of a 500. */
async function readArtifact<T>(job: JobRecord, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof JobError && error.name === 'StoredDataInvalid') {
      throw new HttpError(422, 'StoredDataInvalid', `The ${what} of job ${job.jobId} cannot be read. ${error.message}`);
    }
    throw error;
  }
}

/** The stored transcript the subtitles are made from. */
function readTranscript(job: JobRecord, objects: ObjectStore): Promise<Transcript> {
  const key = job.artifacts.transcript;
  if (!key) throw new HttpError(422, 'StoredDataInvalid', `Job ${job.jobId} has no transcript stored to export. Delete the job and upload the lecture again.`);
  return readArtifact(job, 'transcript', () => readStoredJson(objects, key, TranscriptSchema));
}

/** Where an export's parts are read from: the stored Markdown and transcript, read only for the formats made from them. */
interface ExportSources {
  notes: LectureNotes;
  markdown: () => Promise<string>;
  transcript: () => Promise<Transcript>;
}

/** The export's body: text, or bytes for Word. */
async function exportBody(format: NotesFormat, { notes, markdown, transcript }: ExportSources): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return markdown();
    case 'json':
      // A file people open: indented, ending in a newline.
      return `${JSON.stringify(notes, null, 2)}\n`;
    case 'docx':
      return renderNotesDocx(notes);
    case 'vtt':
      return renderWebVtt(await transcript());
    case 'srt':
      return renderSrt(await transcript());
    case 'anki':
      return renderAnkiCsv(notes);
  }
}

/**
 * GET /jobs/{jobId}/notes: the finished notes, as JSON or (Accept: text/markdown) Markdown; with
 * ?format= a file to save, named after the lecture's title: the notes as Markdown, JSON or Word,
 * the transcript as WebVTT or SubRip, the questions and glossary as an Anki CSV. `?version=N` for
 * one version of the notes, else the newest finished one.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects'>) =>
  httpHandler('GET /jobs/{jobId}/notes', async (event) => {
    const format = requestedFormat(event);
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    // ?format= names what is wanted; the Accept header decides only without it.
    const type = format ? undefined : negotiate(header(event, 'accept'), NOTES_TYPES);
    if (!format && !type) throw new HttpError(406, 'NotAcceptable', `The notes come as ${NOTES_TYPES.join(' or ')}; the Accept header allows neither.`);
    const asked = event.queryStringParameters?.version;
    const number = asked === undefined ? undefined : versionNumberOf(asked);
    const chosen = number === undefined ? latestCompletedVersion(job) : versionsOf(job).find((version) => version.version === number);
    if (number !== undefined && !chosen) throw versionNotFound(job, number);
    if (chosen && chosen.version > 1 && chosen.status !== 'completed') {
      const reason = chosen.status === 'failed' ? `it failed: ${chosen.error?.message ?? 'no reason recorded'}` : `it is ${statusInSentence(chosen.status)} (${chosen.progress}%)`;
      throw new HttpError(409, 'NotesNotReady', `Version ${chosen.version} of the notes is not ready: ${reason}.`);
    }
    const { notes, notesMarkdown } = chosen ?? {};
    if (job.status !== 'completed' || !notes || !notesMarkdown) {
      const reason = job.status === 'failed' ? `the job failed: ${job.error?.message ?? 'no reason recorded'}` : `the job is ${statusInSentence(job.status)} (${job.progress}%)`;
      throw new HttpError(409, 'NotesNotReady', `The notes are not ready: ${reason}.`);
    }
    const readNotes = () => readArtifact(job, 'notes', () => readStoredJson(deps.objects, notes, LectureNotesSchema));
    if (format) {
      const lecture = await readNotes();
      const body = await exportBody(format, {
        notes: lecture,
        markdown: () => deps.objects.getText(notesMarkdown),
        transcript: () => readTranscript(job, deps.objects),
      });
      const { contentType, suffix } = EXPORT_FORMATS[format];
      return attachmentResponse(contentType, body, attachmentDisposition(lecture.title, suffix));
    }
    if (type === 'text/markdown') {
      return textResponse(200, 'text/markdown; charset=utf-8', await deps.objects.getText(notesMarkdown));
    }
    return jsonResponse(200, await readNotes());
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
