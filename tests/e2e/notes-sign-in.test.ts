import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalIssuer } from '../../infra/local/local-issuer';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/local-runtime';
import { startCognitoStandIn, type CognitoStandIn } from '../fixtures/cognito-stand-in';

const run = promisify(execFile);
const PASSWORD = 'Correct-Horse-42';
const LECTURE = 'samples/photosynthesis-light-reactions.srt';

/**
 * `npm run notes` against a "deployed" stack on 127.0.0.1: the local runtime plays the API and
 * trusts only the Cognito stand-in's tokens, which the CLI gets by signing in with SRP.
 */
describe('npm run notes --user, signed in to a Cognito user pool', () => {
  let dir: string;
  let cognito: CognitoStandIn;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'e2e-sign-in-'));
    const issuer = await openLocalIssuer(join(dir, 'cognito-issuer'));
    cognito = await startCognitoStandIn({ issuer });
    cognito.addUser('ada@example.com', PASSWORD);
    runtime = await startLocalRuntime({ dataDir: join(dir, 'runtime'), environment: { NOTES_ENGINE: 'offline' }, authenticate: issuer.authenticate });
  });
  afterAll(async () => {
    await runtime?.stop();
    await cognito?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs a CLI entry point as npm does, in a fresh process with no terminal, a config folder of the test's own and Cognito at the stand-in. */
  async function cli(entry: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', entry, ...args], {
        timeout: 60_000,
        env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint, LECTURE_NOTES_PASSWORD: '', ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  const pool = () => ['--user-pool-id', cognito.userPoolId, '--client-id', cognito.clientId];
  const tokensFile = () => join(dir, 'config', 'lecture-notes', 'sign-ins.json');

  it('says what is wrong with a wrong password, and keeps nothing', async () => {
    const result = await cli('cli/login.ts', ['--api', runtime.apiUrl, '--user', 'ada@example.com', ...pool()], { LECTURE_NOTES_PASSWORD: 'Not-The-Password-1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Wrong e-mail address or password for ada@example.com.');
    await expect(stat(tokensFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('signs in with npm run login, keeping the tokens in a file of mode 0600', async () => {
    const result = await cli('cli/login.ts', ['--api', runtime.apiUrl, '--user', 'ada@example.com', ...pool()], { LECTURE_NOTES_PASSWORD: PASSWORD });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`ada@example.com signed in to ${runtime.apiUrl} (user pool ${cognito.userPoolId}); tokens kept in ${tokensFile()}.`);
    expect((await stat(tokensFile())).mode & 0o777).toBe(0o600);
  });

  it('then turns a lecture into notes with --api and --user alone, with no password, as the signed-in user', async () => {
    const requestsBefore = cognito.requests.length;
    const out = join(dir, 'notes.json');
    const result = await cli('cli/notes.ts', [LECTURE, '--api', runtime.apiUrl, '--user', 'ada@example.com', '--json', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`written to ${out}`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ source: { fileName: 'photosynthesis-light-reactions.srt' } });
    expect(cognito.requests.length).toBe(requestsBefore);
    // The job is the signed-in user's: listed for the token the sign-in kept.
    const { signIns } = JSON.parse(await readFile(tokensFile(), 'utf8')) as { signIns: { idToken: string }[] };
    const jobs = await fetch(`${runtime.apiUrl}/jobs`, { headers: { authorization: `Bearer ${signIns[0]!.idToken}` } });
    expect(jobs.status).toBe(200);
    expect(JSON.stringify(await jobs.json())).toContain('photosynthesis-light-reactions.srt');
  });

  it('forgets the tokens with npm run logout, after which a run without a terminal says how to sign in', async () => {
    const logout = await cli('cli/login.ts', ['--logout', '--user', 'ada@example.com']);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('Forgot 1 kept sign-in.');
    await expect(stat(tokensFile())).rejects.toMatchObject({ code: 'ENOENT' });
    const result = await cli('cli/notes.ts', [LECTURE, '--api', runtime.apiUrl, '--user', 'ada@example.com', ...pool(), '--out', join(dir, 'never.md')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('there is no terminal to type the password in: run this in a terminal, or set LECTURE_NOTES_PASSWORD.');
  });
});
