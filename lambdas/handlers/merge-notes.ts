import { StoredChunkNotesSchema } from '../../shared/contracts/notes';
import { MergeNotesInputSchema, type MergedNotesRef } from '../../shared/contracts/pipeline-state';
import { ChunkSchema } from '../../shared/contracts/transcript';
import { JobError } from '../../shared/domain/job-error';
import { mergeChunkNotes } from '../../shared/domain/notes-merge';
import { chunkNotesKey, mergedNotesKey } from '../../shared/domain/object-keys';
import { mapBounded } from '../runtime/bounded';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

const PARALLEL_READS = 8;

/** Joins the chunks' notes by code, asking no provider: the reduce step reads what this stores. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects'>) => async (event: unknown): Promise<MergedNotesRef> => {
  const { job, chunks } = parseStepInput('MergeNotes', MergeNotesInputSchema, event);
  if (job.version === 1) await deps.jobs.advance(job.jobId, 'merging');
  else await deps.jobs.advanceVersion(job.jobId, job.version, 'merging');
  const record = await deps.jobs.get(job.jobId);
  if (!record) {
    throw new JobError('JobNotFound', `There is no job ${job.jobId} to merge notes for: it was deleted while its notes were being written. Upload the lecture again.`);
  }
  const indexes = Array.from({ length: chunks.count }, (_, index) => index);
  const chunkNotes = await mapBounded(indexes, PARALLEL_READS, (index) =>
    readStoredJson(deps.objects, chunkNotesKey(job.jobId, index, job.version), StoredChunkNotesSchema),
  );
  // Every chunk carries the lecture's language; the first one says it for all.
  const { language } = await readStoredJson(deps.objects, chunks.keys[0]!, ChunkSchema);
  const merged = mergeChunkNotes({
    jobId: job.jobId,
    chunks: chunkNotes,
    fileName: record.fileName,
    durationSeconds: Math.max(...chunkNotes.map((chunk) => chunk.end)),
    language,
  });
  const ref = { mergedKey: mergedNotesKey(job.jobId, job.version) };
  await writeStoredJson(deps.objects, ref.mergedKey, merged);
  jobLogger(job.jobId).info('Chunk notes merged', { chunks: chunkNotes.length, sections: merged.sections.length, glossary: merged.glossary.length });
  return ref;
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
