import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/get-job';
import { JobStatusDocumentSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import { costLedger } from '../../../shared/domain/job-cost';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const runningJob = jobRecord({
  jobId: 'job-7',
  owner: 'student-1',
  status: 'generating_notes',
  progress: 62,
  chunksDone: 3,
  chunksTotal: 5,
  runId: 'run-1',
  transcriptionId: 'transcript-1',
  artifacts: { upload: 'uploads/job-7/week-3.vtt', transcript: 'jobs/job-7/transcript.json', chunksPrefix: 'jobs/job-7/chunks/' },
  usage: { audioSeconds: 0, inputTokens: 1_200, outputTokens: 300 },
  expiresAt: 1_900_000_000,
});

async function getJob(stored: JobRecord[], jobId: string, caller: string | null = 'student-1') {
  const deps = testDependencies();
  for (const job of stored) await deps.jobs.create(job);
  return makeHandler(deps)(apiEvent({ path: `/jobs/${jobId}`, pathParameters: { jobId }, caller }));
}

describe('GET /jobs/{jobId}', () => {
  it("answers the owner's job as a status document", async () => {
    const result = await getJob([runningJob], 'job-7');

    expect(result.statusCode).toBe(200);
    expect(JobStatusDocumentSchema.strict().parse(jsonBodyOf(result))).toEqual({
      jobId: 'job-7',
      status: 'generating_notes',
      progress: 62,
      chunks: { done: 3, total: 5 },
      fileName: 'week-3.vtt',
      sourceKind: 'captions',
      createdAt: runningJob.createdAt,
      updatedAt: runningJob.updatedAt,
      stageTimes: runningJob.stageTimes,
      usage: { audioSeconds: 0, inputTokens: 1_200, outputTokens: 300 },
      cost: costLedger(runningJob.usage, testDependencies().prices),
      notesReady: false,
      versions: [{ version: 1, style: 'study', status: 'generating_notes', progress: 62, createdAt: runningJob.createdAt, notesReady: false }],
    });
    // 1,200 tokens in at $0.40 and 300 out at $1.60 a million; nothing metered yet.
    expect(JobStatusDocumentSchema.parse(jsonBodyOf(result)).cost.totalUsd).toBe(0.00096);
  });

  it('leaves out the owner and every internal key', async () => {
    const { body } = await getJob([runningJob], 'job-7');

    for (const internal of ['student-1', 'uploads/', 'jobs/job-7/', 'run-1', 'transcript-1', '1900000000']) {
      expect(body).not.toContain(internal);
    }
  });

  it("shows a failed job's message and stage, not its error code", async () => {
    const failed = jobRecord({ status: 'failed', error: { message: 'week-3.vtt has no caption text.', stage: 'queued', code: 'InvalidCaptions' } });

    const result = await getJob([failed], failed.jobId);

    expect(jsonBodyOf(result)).toMatchObject({ status: 'failed', error: { message: 'week-3.vtt has no caption text.', stage: 'queued' } });
    expect(result.body).not.toContain('InvalidCaptions');
  });

  it("answers another user's job exactly as a job that does not exist", async () => {
    const someoneElses = await getJob([runningJob], 'job-7', 'student-2');
    const missing = await getJob([], 'job-7', 'student-2');

    expect(someoneElses.statusCode).toBe(404);
    expect(apiErrorOf(someoneElses).error).toBe('JobNotFound');
    expect(someoneElses).toEqual(missing);
  });

  it('refuses a request without a signed-in user', async () => {
    const result = await getJob([runningJob], 'job-7', null);

    expect(result.statusCode).toBe(401);
  });
});
