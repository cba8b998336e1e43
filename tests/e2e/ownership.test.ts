import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/function-registry';
import { openLocalIssuer } from '../../infra/local/local-issuer';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/local-runtime';
import { runLecture } from './lecture-run';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CAPTIONS = { fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: 100 };

describe('who may see a job, through the local runtime', () => {
  let dataDir: string;
  let runtime: LocalRuntime;
  let alice: string;
  let bob: string;
  let alicesJob: string;

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${runtime.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const pathOf = (routePath: string, jobId: string) => routePath.replace('{jobId}', jobId);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-ownership-'));
    runtime = await startLocalRuntime({ dataDir, environment: { NOTES_ENGINE: 'offline' } });
    alice = runtime.issueToken('alice');
    bob = runtime.issueToken('bob');
    const run = await runLecture(runtime.apiUrl, alice, { path: 'samples/photosynthesis-light-reactions.srt', contentType: 'application/x-subrip' });
    expect(run.final.status).toBe('completed');
    alicesJob = run.jobId;
  });
  afterAll(async () => {
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 401 on every route to a request without a valid token, whether the job exists or not', async () => {
    const stranger = await openLocalIssuer(join(dataDir, 'another-issuer'));
    const [header, , signature] = alice.split('.');
    const claimsAsBob = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(alice.split('.')[1]!, 'base64url').toString()), sub: 'bob' })).toString('base64url');
    const badTokens = [undefined, 'garbage', stranger.issue('alice'), `${header}.${claimsAsBob}.${signature}`];
    for (const { method, path } of API_ROUTES) {
      for (const jobId of [alicesJob, randomUUID()]) {
        for (const token of badTokens) {
          const response = await call(method, pathOf(path, jobId), token, method === 'POST' ? CAPTIONS : undefined);
          expect(response.status, `${method} ${path} with ${token?.slice(0, 12)}`).toBe(401);
          expect(await response.json()).toMatchObject({ error: 'Unauthorized' });
        }
      }
    }
    expect((await call('GET', `/jobs/${alicesJob}`, alice)).status).toBe(200);
  });

  it("answers another user's job exactly as a job that does not exist, on every route of a job", async () => {
    const missing = randomUUID();
    for (const { method, path } of API_ROUTES.filter((route) => route.path.includes('{jobId}'))) {
      const theirs = await call(method, pathOf(path, alicesJob), bob);
      const nobodys = await call(method, pathOf(path, missing), bob);
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect(nobodys.status).toBe(404);
      expect((await theirs.text()).replaceAll(alicesJob, '<id>')).toBe((await nobodys.text()).replaceAll(missing, '<id>'));
    }
    const job = await call('GET', `/jobs/${alicesJob}`, alice);
    expect(job.status).toBe(200);
    expect(await job.json()).toMatchObject({ jobId: alicesJob, status: 'completed' });
    expect((await call('GET', `/jobs/${alicesJob}/notes`, alice)).status).toBe(200);
    const transcript = await call('GET', `/jobs/${alicesJob}/transcript`, alice);
    expect(transcript.status).toBe(200);
    expect(((await transcript.json()) as { segments: unknown[] }).segments.length).toBeGreaterThan(0);
    // Her own job's recording route answers her, not as missing: a caption upload has no recording to play.
    const recording = await call('GET', `/jobs/${alicesJob}/recording`, alice);
    expect(recording.status).toBe(409);
    expect(await recording.json()).toMatchObject({ error: 'NoRecording' });
  });

  it('gives jobs random UUIDv4 ids', async () => {
    const ids = [alicesJob];
    for (let index = 0; index < 8; index += 1) {
      const response = await call('POST', '/jobs', bob, CAPTIONS);
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { jobId: string }).jobId);
    }
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('signs a local user in with no password and hands out a token the API accepts', async () => {
    const response = await call('POST', '/local/sign-in', undefined, { username: 'carol@example.org' });
    expect(response.status).toBe(200);
    const { idToken, expiresIn } = (await response.json()) as { idToken: string; expiresIn: number };
    expect(expiresIn).toBe(3600);
    const created = await call('POST', '/jobs', idToken, CAPTIONS);
    expect(created.status).toBe(201);
    const { jobId } = (await created.json()) as { jobId: string };
    expect((await call('GET', `/jobs/${jobId}`, idToken)).status).toBe(200);
    expect((await call('GET', `/jobs/${jobId}`, alice)).status).toBe(404);
  });

  it('refuses to sign in a name outside the local pattern', async () => {
    for (const body of [{ username: '' }, { username: 'two words' }, { username: '../admin' }, { username: 'x'.repeat(65) }, {}, 'alice']) {
      const response = await call('POST', '/local/sign-in', undefined, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'InvalidRequest' });
    }
    expect((await call('GET', '/local/sign-in')).status).toBe(405);
  });

  it('accepts a token printed by `npm run token` for the same data folder', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'cli/token.ts', 'dave', '--data-dir', dataDir], { timeout: 30_000 });
    const token = stdout.trim();
    expect((await call('GET', `/jobs/${randomUUID()}`, token)).status).toBe(404);
    expect((await call('POST', '/jobs', token, CAPTIONS)).status).toBe(201);

    const refused = await run(process.execPath, ['--import', 'tsx', 'cli/token.ts', 'not a name', '--data-dir', dataDir]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('not a local user name') });
  });
});
