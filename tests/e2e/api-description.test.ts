import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DESCRIPTION_PATH, buildApiDescription } from '../../infra/api-description';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { apiSchemaValidator } from '../fixtures/api-description-validator';
import { runLecture } from './lecture-run';

/** The description the local runtime serves, held to the answers the same runtime gives. */
describe('the OpenAPI description, served by the local runtime', () => {
  let runtime: LocalRuntime;
  let auth: Record<string, string>;
  let validate: ReturnType<typeof apiSchemaValidator>;

  const call = async (method: string, path: string, body?: unknown, headers = auth) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    auth = { authorization: `Bearer ${runtime.issueToken('integrator')}` };
  });
  afterAll(() => runtime?.stop());

  it(`serves the description at ${API_DESCRIPTION_PATH} to anyone, signed in or not`, async () => {
    const response = await fetch(`${runtime.apiUrl}${API_DESCRIPTION_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await response.json()) as ReturnType<typeof buildApiDescription>;
    expect(served).toEqual(buildApiDescription());
    validate = apiSchemaValidator(served);
  });

  it('declares the answers the routes really give, successes and errors alike', async () => {
    const created = await call('POST', '/jobs', { fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: 100 });
    expect(created.status).toBe(201);
    expect(validate('POST', '/jobs', 201)(created.body)).toBe(true);
    const { jobId } = created.body as { jobId: string };

    const job = await call('GET', `/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(validate('GET', '/jobs/{jobId}', 200)(job.body)).toBe(true);

    const list = await call('GET', '/jobs?limit=5');
    expect(validate('GET', '/jobs', 200)(list.body)).toBe(true);

    const badBody = await call('POST', '/jobs', { fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: -1 });
    expect(badBody.status).toBe(400);
    expect(validate('POST', '/jobs', 400)(badBody.body)).toBe(true);

    const unknown = await call('GET', '/jobs/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(validate('GET', '/jobs/{jobId}', 404)(unknown.body)).toBe(true);

    const notYet = await call('GET', `/jobs/${jobId}/transcript`);
    expect(notYet.status).toBe(409);
    expect(validate('GET', '/jobs/{jobId}/transcript', 409)(notYet.body)).toBe(true);

    const signedOut = await call('GET', `/jobs/${jobId}`, undefined, {});
    expect(signedOut.status).toBe(401);
    expect(validate('GET', '/jobs/{jobId}', 401)(signedOut.body)).toBe(true);
  });

  it('declares the notes, the transcript and a new version of a finished job as they are answered', async () => {
    const run = await runLecture(runtime.apiUrl, auth.authorization!.slice('Bearer '.length), { path: 'samples/how-databases-keep-promises.vtt', contentType: 'text/vtt' });
    expect(run.final.status).toBe('completed');

    const notes = await call('GET', `/jobs/${run.jobId}/notes`);
    expect(validate('GET', '/jobs/{jobId}/notes', 200)(notes.body)).toBe(true);
    const transcript = await call('GET', `/jobs/${run.jobId}/transcript`);
    expect(validate('GET', '/jobs/{jobId}/transcript', 200)(transcript.body)).toBe(true);
    expect(validate('POST', '/jobs/{jobId}/notes', 'request')({ style: 'summary' })).toBe(true);
    const version = await call('POST', `/jobs/${run.jobId}/notes`, { style: 'summary' });
    expect(version.status).toBe(202);
    expect(validate('POST', '/jobs/{jobId}/notes', 202)(version.body)).toBe(true);
    const noVersion = await call('GET', `/jobs/${run.jobId}/notes?version=9`);
    expect(noVersion.status).toBe(404);
    expect(validate('GET', '/jobs/{jobId}/notes', 404)(noVersion.body)).toBe(true);
  });
});
