import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/redrive-uploads';
import { objectCreatedEvent } from '../../../shared/domain/upload-event';
import { FakeUndeliveredEvents } from '../../fixtures/fake-undelivered-events';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const uploadOf = (key: string) => objectCreatedEvent({ bucket: 'lecture-uploads', key, size: 2_048, time: NOW });

async function setUp(messages: unknown[], jobs = [jobRecord({ jobId: 'job-1' }), jobRecord({ jobId: 'job-2', fileName: 'week-4.vtt' })]) {
  const deps = testDependencies();
  for (const job of jobs) await deps.jobs.create(job);
  const undeliveredUploads = new FakeUndeliveredEvents(messages);
  return { deps, undeliveredUploads, redrive: makeHandler({ ...deps, undeliveredUploads }) };
}

describe('RedriveUploads (replaying the upload rule\'s dead-letter queue)', () => {
  it('starts the run of every undelivered upload, as the rule would have, and empties the queue', async () => {
    const { deps, undeliveredUploads, redrive } = await setUp([uploadOf('uploads/job-1/week-3.vtt'), uploadOf('uploads/job-2/week-4.vtt')]);

    expect(await redrive()).toEqual({ received: 2, started: 2, nothingToStart: 0, failed: [], more: false });
    expect(deps.runs.started.map((run) => run.name)).toEqual(['job-1-attempt-1', 'job-2-attempt-1']);
    expect(deps.runs.started[0]!.input).toEqual({ jobId: 'job-1', attempt: 1, uploadKey: 'uploads/job-1/week-3.vtt' });
    expect(undeliveredUploads.remaining()).toEqual([]);
  });

  it('starts nothing twice: an upload whose run started meanwhile, or whose job went on, is handled and deleted', async () => {
    const { deps, undeliveredUploads, redrive } = await setUp(
      [uploadOf('uploads/job-1/week-3.vtt'), uploadOf('uploads/job-2/week-4.vtt'), uploadOf('uploads/job-gone/x.vtt')],
      [jobRecord({ jobId: 'job-1' }), jobRecord({ jobId: 'job-2', fileName: 'week-4.vtt', status: 'completed' })],
    );
    await deps.runs.start('job-1-attempt-1', { jobId: 'job-1', attempt: 1, uploadKey: 'uploads/job-1/week-3.vtt' });

    expect(await redrive()).toEqual({ received: 3, started: 0, nothingToStart: 3, failed: [], more: false });
    expect(deps.runs.started).toHaveLength(1);
    expect(undeliveredUploads.remaining()).toEqual([]);
  });

  it('keeps a message that fails again, saying why, and still replays the others', async () => {
    const { deps, undeliveredUploads, redrive } = await setUp([uploadOf('uploads/job-1/week-3.vtt'), 'not json', { detail: 'not an upload' }, uploadOf('uploads/job-2/week-4.vtt')]);
    const failingOnce = deps.runs.start.bind(deps.runs);
    let calls = 0;
    deps.runs.start = async (name, input) => {
      calls += 1;
      if (calls === 1) throw new Error('Could not start run job-1-attempt-1: Rate exceeded');
      return failingOnce(name, input);
    };

    const report = await redrive();
    expect(report).toMatchObject({ received: 4, started: 1, nothingToStart: 0, more: false });
    expect(report.failed).toEqual([
      { messageId: 'message-1', reason: expect.stringContaining('Rate exceeded') },
      { messageId: 'message-2', reason: expect.stringMatching(/JSON/) },
      { messageId: 'message-3', reason: expect.stringContaining('StartRun received input that does not match its contract') },
    ]);
    expect(undeliveredUploads.remaining()).toEqual(['message-1', 'message-2', 'message-3']);
    expect(deps.runs.started.map((run) => run.name)).toEqual(['job-2-attempt-1']);
  });

  it('reports an empty queue after one look', async () => {
    const { undeliveredUploads, redrive } = await setUp([]);
    expect(await redrive()).toEqual({ received: 0, started: 0, nothingToStart: 0, failed: [], more: false });
    expect(undeliveredUploads.receives).toBe(1);
  });

  it('stops at 100 messages an invocation and says more may be waiting', async () => {
    const { undeliveredUploads, redrive } = await setUp(Array.from({ length: 105 }, () => uploadOf('uploads/job-1/week-3.vtt')));
    const report = await redrive();
    expect(report).toMatchObject({ received: 100, started: 1, nothingToStart: 99, more: true });
    expect(undeliveredUploads.remaining()).toHaveLength(5);
  });
});
