import { describe, expect, it } from 'vitest';
import { makeHandler as deleteJob } from '../../../lambdas/handlers/delete-job';
import { makeHandler as getJob } from '../../../lambdas/handlers/get-job';
import { makeHandler as getNotes } from '../../../lambdas/handlers/get-notes';
import { makeHandler as getRecording } from '../../../lambdas/handlers/get-recording';
import { makeHandler as getTranscript } from '../../../lambdas/handlers/get-transcript';
import { makeHandler as retryJob } from '../../../lambdas/handlers/retry-job';
import { apiErrorOf, apiEvent } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';

const ROUTES = [
  ['GET /jobs/{jobId}', getJob, 'GET'],
  ['GET /jobs/{jobId}/notes', getNotes, 'GET'],
  ['GET /jobs/{jobId}/transcript', getTranscript, 'GET'],
  ['GET /jobs/{jobId}/recording', getRecording, 'GET'],
  ['POST /jobs/{jobId}/retry', retryJob, 'POST'],
  ['DELETE /jobs/{jobId}', deleteJob, 'DELETE'],
] as const;

describe.each(ROUTES)('%s', (_route, makeHandler, method) => {
  it.each([
    ['over 2,048 characters (more than DynamoDB takes as a key)', 'a'.repeat(2_049)],
    ['with a character no job id has', 'job/../other'],
  ])('answers 404 JobNotFound, without asking the table, to an id %s', async (_case, jobId) => {
    const deps = testDependencies();
    deps.jobs.get = () => Promise.reject(new Error('the table was asked'));
    const result = await makeHandler(deps)(apiEvent({ method, pathParameters: { jobId } }));

    expect(result.statusCode).toBe(404);
    expect(apiErrorOf(result).error).toBe('JobNotFound');
    expect(apiErrorOf(result).message.length).toBeLessThan(200);
  });
});
