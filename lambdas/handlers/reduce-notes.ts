import { LectureNotesSchema, MergedNotesSchema, type LectureNotes, type TokenUsage } from '../../shared/contracts/notes';
import { ReduceNotesInputSchema, type NotesRef } from '../../shared/contracts/pipeline-state';
import { assembleNotes, reducerUsageOf } from '../../shared/domain/notes-assembly';
import { renderNotesMarkdown } from '../../shared/domain/notes-markdown';
import { notesKey, notesMarkdownKey } from '../../shared/domain/object-keys';
import { composeNotes, type NotesDependencies } from '../runtime/notes-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

/**
 * The pass over the whole lecture: title, overview, section titles and review
 * questions from the merged notes, then the finished notes as JSON and
 * Markdown. Notes already written are not paid for twice, nor counted twice.
 * The job stays in `merging`: to a reader this is still putting the notes together.
 */
export const makeHandler =
  (deps: Pick<NotesDependencies, 'jobs' | 'objects' | 'reducer' | 'metrics' | 'now'>) =>
  async (event: unknown): Promise<NotesRef> => {
    const { job, merged: mergedRef } = parseStepInput('ReduceNotes', ReduceNotesInputSchema, event);
    const log = jobLogger(job.jobId);
    const ref = { notesKey: notesKey(job.jobId, job.version), markdownKey: notesMarkdownKey(job.jobId, job.version) };
    const merged = await readStoredJson(deps.objects, mergedRef.mergedKey, MergedNotesSchema);

    let notes: LectureNotes;
    let reducerUsage: TokenUsage;
    if (await deps.objects.head(ref.notesKey)) {
      notes = await readStoredJson(deps.objects, ref.notesKey, LectureNotesSchema);
      reducerUsage = reducerUsageOf(notes, merged);
      log.info('Notes already reduced');
    } else {
      const reduced = await deps.reducer.reduce(merged, job.request);
      reducerUsage = reduced.usage;
      notes = assembleNotes(merged, reduced.reduction, { reducerUsage, caveats: reduced.caveats, generatedAt: deps.now().toISOString() });
      // The Markdown first: notes.json is what a retry takes as done.
      await deps.objects.putText(ref.markdownKey, renderNotesMarkdown(notes, { style: job.request.style }), 'text/markdown; charset=utf-8');
      await writeStoredJson(deps.objects, ref.notesKey, notes);
      deps.metrics.tokensUsed(reducerUsage);
      log.info('Notes reduced', { sections: notes.sections.length, reviewQuestions: notes.reviewQuestions.length, ...reducerUsage, engine: deps.reducer.engine.kind });
    }
    if (job.version === 1) await deps.jobs.recordReduceDone(job.jobId, reducerUsage);
    return ref;
  };

export const handler = lambdaEntry(makeHandler, composeNotes);
