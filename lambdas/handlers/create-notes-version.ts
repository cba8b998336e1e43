import type { NotesVersion } from '../../shared/contracts/job';
import { CreateNotesVersionRequestSchema } from '../../shared/contracts/api';
import { NEW_VERSION_STATUS, VERSIONABLE_STATUS, nextVersionNumber, unfinishedVersion } from '../../shared/domain/job-lifecycle';
import { DEFAULT_NOTES_STYLE } from '../../shared/domain/notes-styles';
import { transcriptKey } from '../../shared/domain/object-keys';
import { versionRunName } from '../../shared/domain/run-names';
import { statusDocumentOf } from '../../shared/domain/status-document';
import { statusInSentence } from '../../shared/domain/status-words';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, pathParameter, readJsonBody } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { settleOverdue } from '../runtime/overdue-job';
import { versionRunInput } from '../runtime/resume-job';
import { ownedJob } from '../runtime/owned-job';
import { jobLogger } from '../runtime/powertools';

type Deps = Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'runs' | 'metrics' | 'now' | 'prices'>;


/**
 * POST /jobs/{jobId}/notes: a new version of a finished job's notes, in
 * another style, written from the stored transcript by its own run: nothing is
 * uploaded or transcribed again. A job writes one version at a time; the same
 * request repeated while its version is under way starts that version's run
 * again under its name, which starts nothing new (and starts it when the first
 * request stored the version but could not start its run).
 */
export const makeHandler = (deps: Deps) =>
  httpHandler('POST /jobs/{jobId}/notes', async (event) => {
    // A version whose run was lost (past the pipeline's time limit) is failed first, so it does not block the next.
    const job = await settleOverdue(deps, await ownedJob(deps.jobs, pathParameter(event, 'jobId'), callerOf(event)));
    const body = readJsonBody(event, CreateNotesVersionRequestSchema);
    const request = { style: body.style ?? DEFAULT_NOTES_STYLE, ...(body.instructions !== undefined && { instructions: body.instructions }) };
    const log = jobLogger(job.jobId);
    if (job.status !== VERSIONABLE_STATUS) {
      throw new HttpError(409, 'NotesNotReady', `A new version is written from finished notes; this job is ${statusInSentence(job.status)}.`);
    }

    const underWay = unfinishedVersion(job);
    if (underWay) {
      if (underWay.style !== request.style || underWay.instructions !== request.instructions) {
        throw new HttpError(409, 'VersionUnderWay', `Version ${underWay.version} (${underWay.style}) is still being written; ask for another once it is done.`);
      }
      const { started } = await deps.runs.start(versionRunName(job.jobId, underWay.version, underWay.attempt), versionRunInput(job, underWay.version));
      log.info('Version asked for again', { version: underWay.version, started });
      return jsonResponse(202, statusDocumentOf(job, deps.prices));
    }

    if (!(await deps.objects.head(transcriptKey(job.jobId)))) {
      throw new HttpError(409, 'TranscriptGone', `The transcript of ${job.fileName} is no longer stored, so no new version can be written; upload the lecture again.`);
    }
    const now = deps.now().toISOString();
    const version: NotesVersion = {
      ...request,
      version: nextVersionNumber(job),
      status: NEW_VERSION_STATUS,
      attempt: 1,
      createdAt: now,
      updatedAt: now,
      chunksDone: 0,
      chunksTotal: 0,
      countedChunks: [],
    };
    if (!(await deps.jobs.addVersion(job.jobId, version))) {
      // Another request added this number first (or a DELETE removed the job: 404).
      await ownedJob(deps.jobs, job.jobId, job.owner);
      throw new HttpError(409, 'VersionUnderWay', 'Another version of these notes was asked for at the same moment; it is being written now.');
    }
    await deps.runs.start(versionRunName(job.jobId, version.version, version.attempt), versionRunInput(job, version.version));
    log.info('Version asked for', { version: version.version, style: version.style, instructions: version.instructions !== undefined });
    return jsonResponse(202, statusDocumentOf(await ownedJob(deps.jobs, job.jobId, job.owner), deps.prices));
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
