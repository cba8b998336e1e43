import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/complete-job';
import type { JobRecord } from '../../../shared/contracts/job';
import { notesKey, notesMarkdownKey } from '../../../shared/domain/object-keys';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const notes = { notesKey: notesKey('job-1'), markdownKey: notesMarkdownKey('job-1') };

async function complete(job: JobRecord) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  await makeHandler(deps)({ job: jobRefOf(job), notes });
  return deps.jobs.get(job.jobId);
}

describe('CompleteJob', () => {
  it('marks the job completed with its notes', async () => {
    const completed = await complete(jobRecord({ status: 'merging', progress: 93 }));

    expect(completed).toMatchObject({
      status: 'completed',
      progress: 100,
      artifacts: { notes: notes.notesKey, notesMarkdown: notes.markdownKey },
      stageTimes: { completed: NOW.toISOString() },
    });
  });

  it('leaves a job that already failed as it was', async () => {
    const failed = jobRecord({ status: 'failed', progress: 93, error: { message: 'Stopped by its owner.', stage: 'merging', code: 'States.Aborted' } });

    expect(await complete(failed)).toEqual(failed);
  });
});
