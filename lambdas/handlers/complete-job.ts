import { CompleteJobInputSchema } from '../../shared/contracts/pipeline-state';
import type { Dependencies } from '../runtime/dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';

/** Last step: the notes are stored, the job is done. */
export const makeHandler = (deps: Pick<Dependencies, 'jobs'>) => async (event: unknown): Promise<void> => {
  const { job, notes } = parseStepInput('CompleteJob', CompleteJobInputSchema, event);
  const completed = await deps.jobs.advance(job.jobId, 'completed', { artifacts: { notes: notes.notesKey, notesMarkdown: notes.markdownKey } });
  jobLogger(job.jobId).info(completed ? 'Job completed' : 'Job had already finished; completion not recorded');
};

export const handler = lambdaEntry(makeHandler);
