import { StoredChunkNotesSchema } from '../../shared/contracts/notes';
import { MergeNotesInputSchema, type NotesRef } from '../../shared/contracts/pipeline-state';
import { renderNotesMarkdown } from '../../shared/domain/notes-markdown';
import { mergeChunkNotes } from '../../shared/domain/notes-merge';
import { chunkNotesKey, notesKey, notesMarkdownKey } from '../../shared/domain/object-keys';
import { mapBounded } from '../runtime/bounded';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

const PARALLEL_READS = 8;

/** Joins the chunks' notes into the lecture's notes, as JSON and as Markdown. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'now'>) => async (event: unknown): Promise<NotesRef> => {
  const { job, chunks } = parseStepInput('MergeNotes', MergeNotesInputSchema, event);
  await deps.jobs.advance(job.jobId, 'merging');
  const indexes = Array.from({ length: chunks.count }, (_, index) => index);
  const chunkNotes = await mapBounded(indexes, PARALLEL_READS, (index) =>
    readStoredJson(deps.objects, chunkNotesKey(job.jobId, index), StoredChunkNotesSchema),
  );
  const notes = mergeChunkNotes({
    jobId: job.jobId,
    chunks: chunkNotes,
    durationSeconds: Math.max(...chunkNotes.map((chunk) => chunk.end)),
    generatedAt: deps.now().toISOString(),
  });
  const ref = { notesKey: notesKey(job.jobId), markdownKey: notesMarkdownKey(job.jobId) };
  await writeStoredJson(deps.objects, ref.notesKey, notes);
  await deps.objects.putText(ref.markdownKey, renderNotesMarkdown(notes), 'text/markdown; charset=utf-8');
  jobLogger(job.jobId).info('Notes merged', { sections: notes.sections.length, keyTerms: notes.keyTerms.length });
  return ref;
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
