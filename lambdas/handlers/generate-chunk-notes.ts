import { StoredChunkNotesSchema, type StoredChunkNotes } from '../../shared/contracts/notes';
import { GenerateChunkNotesInputSchema } from '../../shared/contracts/pipeline-state';
import { ChunkSchema } from '../../shared/contracts/transcript';
import { generationProgress } from '../../shared/domain/job-status-rules';
import { chunkNotesKey } from '../../shared/domain/object-keys';
import { composeNotes, type NotesDependencies } from '../runtime/notes-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

/** One Map iteration: notes for one chunk, stored beside the others; a chunk whose notes exist is not paid for twice. */
export const makeHandler =
  (deps: Pick<NotesDependencies, 'jobs' | 'objects' | 'notes' | 'metrics'>) =>
  async (event: unknown): Promise<{ chunkIndex: number }> => {
    const task = parseStepInput('GenerateChunkNotes', GenerateChunkNotesInputSchema, event);
    const log = jobLogger(task.jobId);
    const key = chunkNotesKey(task.jobId, task.chunkIndex, task.version);

    let stored: StoredChunkNotes;
    if (await deps.objects.head(key)) {
      stored = await readStoredJson(deps.objects, key, StoredChunkNotesSchema);
      log.info('Chunk notes already made', { chunkIndex: task.chunkIndex });
    } else {
      const chunk = await readStoredJson(deps.objects, task.chunkKey, ChunkSchema);
      const { notes, usage } = await deps.notes.generate(chunk, task.request);
      stored = { chunkIndex: chunk.index, start: chunk.start, end: chunk.end, notes, engine: deps.notes.engine, usage };
      await writeStoredJson(deps.objects, key, stored);
      deps.metrics.tokensUsed(usage);
      log.info('Chunk notes made', { chunkIndex: chunk.index, ...usage, engine: deps.notes.engine.kind });
    }

    if (task.version === 1) {
      const tally = await deps.jobs.recordChunkDone(task.jobId, task.chunkIndex, stored.usage);
      await deps.jobs.raiseProgress(task.jobId, 'generating_notes', generationProgress(tally.chunksDone, tally.chunksTotal));
    } else {
      // A later version's tokens are in its notes' usage; the finished job's totals stay those of its first notes.
      await deps.jobs.recordVersionChunkDone(task.jobId, task.version, task.chunkIndex);
    }
    return { chunkIndex: task.chunkIndex };
  };

export const handler = lambdaEntry(makeHandler, composeNotes);
