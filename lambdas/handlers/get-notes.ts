import { LectureNotesSchema } from '../../shared/contracts/notes';
import { JobError } from '../../shared/domain/job-error';
import { latestCompletedVersion, versionsOf } from '../../shared/domain/notes-versions';
import { statusInSentence } from '../../shared/domain/status-words';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, header, httpHandler, jsonResponse, negotiate, pathParameter, textResponse } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { ownedJob } from '../runtime/owned-job';
import { readStoredJson } from '../runtime/stored-json';

/** What the notes come as, JSON first: it is what a client that states no preference gets. */
const NOTES_TYPES = ['application/json', 'text/markdown'] as const;

/**
 * GET /jobs/{jobId}/notes: the finished notes, as JSON or (Accept: text/markdown) Markdown;
 * `?version=N` for one version, else the newest finished one.
 */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects'>) =>
  httpHandler('GET /jobs/{jobId}/notes', async (event) => {
    const job = await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event));
    const type = negotiate(header(event, 'accept'), NOTES_TYPES);
    if (!type) throw new HttpError(406, 'NotAcceptable', `The notes come as ${NOTES_TYPES.join(' or ')}; the Accept header allows neither.`);
    const asked = event.queryStringParameters?.version;
    if (asked !== undefined && !/^[1-9]\d{0,5}$/.test(asked)) {
      throw new HttpError(400, 'InvalidRequest', `version must be a version number (1, 2, ...); got "${asked.slice(0, 20)}".`);
    }
    const chosen = asked === undefined ? latestCompletedVersion(job) : versionsOf(job).find((version) => version.version === Number(asked));
    if (asked !== undefined && !chosen) {
      throw new HttpError(404, 'VersionNotFound', `Job ${job.jobId} has ${versionsOf(job).length} version(s) of its notes; there is no version ${asked}.`);
    }
    if (chosen && chosen.version > 1 && chosen.status !== 'completed') {
      const reason = chosen.status === 'failed' ? `it failed: ${chosen.error?.message ?? 'no reason recorded'}` : `it is ${statusInSentence(chosen.status)} (${chosen.progress}%)`;
      throw new HttpError(409, 'NotesNotReady', `Version ${chosen.version} of the notes is not ready: ${reason}.`);
    }
    const { notes, notesMarkdown } = chosen ?? {};
    if (job.status !== 'completed' || !notes || !notesMarkdown) {
      const reason = job.status === 'failed' ? `the job failed: ${job.error?.message ?? 'no reason recorded'}` : `the job is ${statusInSentence(job.status)} (${job.progress}%)`;
      throw new HttpError(409, 'NotesNotReady', `The notes are not ready: ${reason}.`);
    }
    if (type === 'text/markdown') {
      return textResponse(200, 'text/markdown; charset=utf-8', await deps.objects.getText(notesMarkdown));
    }
    try {
      return jsonResponse(200, await readStoredJson(deps.objects, notes, LectureNotesSchema));
    } catch (error) {
      // Nothing the caller sent is wrong, and retrying will not help: say which job's notes are damaged instead of a 500.
      if (error instanceof JobError && error.name === 'StoredDataInvalid') {
        throw new HttpError(422, 'StoredDataInvalid', `The notes of job ${job.jobId} cannot be read. ${error.message}`);
      }
      throw error;
    }
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
