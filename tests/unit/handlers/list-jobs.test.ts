import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/list-jobs';
import { JobListSchema } from '../../../shared/contracts/api';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

async function setUp() {
  const deps = testDependencies();
  for (const [jobId, owner, createdAt] of [
    ['job-a', 'student-1', '2030-05-01T09:00:00.000Z'],
    ['job-b', 'student-1', '2030-05-03T09:00:00.000Z'],
    ['job-c', 'student-2', '2030-05-04T09:00:00.000Z'],
    ['job-d', 'student-1', '2030-05-02T09:00:00.000Z'],
  ] as const) {
    await deps.jobs.create(jobRecord({ jobId, owner, createdAt }));
  }
  const list = (query?: Record<string, string>, caller = 'student-1') =>
    makeHandler(deps)({ ...apiEvent({ caller }), queryStringParameters: query ?? null });
  return { list };
}

describe('GET /jobs', () => {
  it('lists the caller\'s jobs, newest first, as status documents without owners', async () => {
    const { list } = await setUp();
    const result = await list();
    expect(result.statusCode).toBe(200);
    const { jobs } = JobListSchema.parse(jsonBodyOf(result));
    expect(jobs.map((job) => job.jobId)).toEqual(['job-b', 'job-d', 'job-a']);
    expect(result.body).not.toContain('owner');
  });

  it('honours a limit', async () => {
    const { list } = await setUp();
    expect(JobListSchema.parse(jsonBodyOf(await list({ limit: '2' }))).jobs).toHaveLength(2);
  });

  it.each(['0', '101', 'ten', '1.5'])('refuses limit=%s with 400', async (limit) => {
    const { list } = await setUp();
    const result = await list({ limit });
    expect(result.statusCode).toBe(400);
    expect(apiErrorOf(result).message).toContain('limit');
  });

  it('needs a signed-in caller', async () => {
    const { list } = await setUp();
    expect((await makeHandler(testDependencies())(apiEvent({ caller: null }))).statusCode).toBe(401);
    expect(JobListSchema.parse(jsonBodyOf(await list(undefined, 'student-3'))).jobs).toEqual([]);
  });
});
