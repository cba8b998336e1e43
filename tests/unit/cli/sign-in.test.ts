import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployedApi, signIn, type SignInDependencies } from '../../../cli/sign-in/deployed-api';
import { openTokenStore } from '../../../cli/sign-in/token-store';
import { openLocalIssuer, type LocalIssuer } from '../../../infra/local/local-issuer';
import { startCognitoStandIn, type CognitoStandIn } from '../../fixtures/cognito-stand-in';
import { FakeTtyInput, scriptedTerminal } from '../../fixtures/fake-terminal';

const API = 'https://api.example.com/prod/';
const PASSWORD = 'Correct-Horse-42';
const NEW_PASSWORD = 'Battery-Staple-2027';

const subOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

describe('signing in to a deployed stack', () => {
  let folder: string;
  let issuer: LocalIssuer;
  let cognito: CognitoStandIn;
  let shortLived: CognitoStandIn;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sign-in-'));
    issuer = await openLocalIssuer(join(folder, 'issuer'));
    cognito = await startCognitoStandIn({ issuer });
    // Tokens that live 4 s: renewed after 2 s (half their life).
    shortLived = await startCognitoStandIn({ issuer, userPoolId: 'local-1_ShortLived', tokenSeconds: 4 });
  });
  afterAll(async () => {
    await cognito?.close();
    await shortLived?.close();
    await rm(folder, { recursive: true, force: true });
  });

  let configDir: string;
  let stopAfter: (() => void)[];
  beforeEach(async () => {
    configDir = await mkdtemp(join(folder, 'config-'));
    cognito.requests.length = 0;
    shortLived.requests.length = 0;
    stopAfter = [];
  });
  afterEach(() => stopAfter.forEach((stop) => stop()));

  /** Dependencies for a run: no terminal unless given, Cognito at `pool`'s stand-in. */
  const depsOf = (pool: CognitoStandIn, options: { env?: NodeJS.ProcessEnv; terminal?: SignInDependencies['terminal']; now?: () => number } = {}): SignInDependencies => ({
    env: { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pool.endpoint, ...options.env },
    store: openTokenStore(configDir),
    terminal: options.terminal ?? { input: Object.assign(new FakeTtyInput(), { isTTY: false }), output: process.stderr },
    cloudFormation: () => {
      throw new Error('no stack was named');
    },
    now: options.now ?? Date.now,
  });
  const requestFor = (pool: CognitoStandIn, user: string) => ({ user, api: API, userPoolId: pool.userPoolId, clientId: pool.clientId });
  const run = async (pool: CognitoStandIn, user: string, options: Parameters<typeof depsOf>[1] = {}) => {
    const signedIn = await signIn(requestFor(pool, user), depsOf(pool, options));
    stopAfter.push(signedIn.stop);
    return signedIn;
  };
  const failureOf = (pool: CognitoStandIn, user: string, options: Parameters<typeof depsOf>[1] = {}) =>
    run(pool, user, options).then(
      () => expect.unreachable('the sign-in succeeded'),
      (error: Error) => error.message,
    );

  it('signs in with SRP, using the password from LECTURE_NOTES_PASSWORD, and keeps the tokens readable by the user alone', async () => {
    const sub = cognito.addUser('ada@example.com', PASSWORD);
    const signedIn = await run(cognito, 'ada@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    expect(signedIn).toMatchObject({ apiUrl: API, how: 'password', userPoolId: cognito.userPoolId });
    expect(cognito.flows()).toEqual(['USER_SRP_AUTH', 'PASSWORD_VERIFIER']);
    // The password itself never travels: only A and the proof.
    expect(JSON.stringify(cognito.requests.map((request) => request.body))).not.toContain(PASSWORD);
    expect(issuer.verify(signedIn.idToken())?.sub).toBe(sub);
    const store = openTokenStore(configDir);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect(await store.list()).toEqual([expect.objectContaining({ user: 'ada@example.com', idToken: signedIn.idToken(), refreshToken: expect.any(String) })]);
  });

  it('reuses the kept tokens on the next run, asking nothing and calling Cognito not at all', async () => {
    cognito.addUser('bo@example.com', PASSWORD);
    const first = await run(cognito, 'bo@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    cognito.requests.length = 0;
    const second = await run(cognito, 'bo@example.com');
    expect(second.how).toBe('kept');
    expect(second.idToken()).toBe(first.idToken());
    expect(cognito.requests).toEqual([]);
  });

  it('finds the pool of an API it signed in to before from --api alone', async () => {
    cognito.addUser('cy@example.com', PASSWORD);
    await run(cognito, 'cy@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    const again = await signIn({ user: 'cy@example.com', api: API }, depsOf(cognito));
    again.stop();
    expect(again).toMatchObject({ how: 'kept', userPoolId: cognito.userPoolId });
    await expect(signIn({ user: 'cy@example.com', api: 'https://elsewhere.example.com/' }, depsOf(cognito))).rejects.toThrow(/needs its user pool: give --stack NAME.*--user-pool-id and --client-id/);
  });

  it('refreshes an ID token about to expire with REFRESH_TOKEN_AUTH, keeping the refresh token, with no password', async () => {
    shortLived.addUser('di@example.com', PASSWORD);
    const first = await run(shortLived, 'di@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    first.stop();
    shortLived.requests.length = 0;
    // Tokens issued within one second are identical: let the clock move on before the refresh.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const inThreeSeconds = () => Date.now() + 3000;
    const later = await run(shortLived, 'di@example.com', { now: inThreeSeconds });
    expect(later.how).toBe('refreshed');
    expect(shortLived.flows()).toEqual(['REFRESH_TOKEN_AUTH']);
    expect(later.idToken()).not.toBe(first.idToken());
    expect(issuer.verify(later.idToken())?.sub).toBe(subOf(first.idToken()));
    const [kept] = await openTokenStore(configDir).list();
    expect(kept).toMatchObject({ idToken: later.idToken(), refreshToken: expect.any(String) });
  });

  it('renews the ID token in the background while a long run goes on', async () => {
    shortLived.addUser('ed@example.com', PASSWORD);
    const signedIn = await run(shortLived, 'ed@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    const first = signedIn.idToken();
    await new Promise((resolve) => setTimeout(resolve, 2600));
    expect(signedIn.idToken()).not.toBe(first);
    expect(issuer.verify(signedIn.idToken())).toBeDefined();
    expect(shortLived.flows()).toContain('REFRESH_TOKEN_AUTH');
  });

  it('asks for the password again when the refresh token no longer works', async () => {
    shortLived.addUser('fa@example.com', PASSWORD);
    (await run(shortLived, 'fa@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } })).stop();
    shortLived.revokeRefreshTokens();
    shortLived.requests.length = 0;
    const terminal = scriptedTerminal([]);
    const again = await run(shortLived, 'fa@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD }, terminal, now: () => Date.now() + 3000 });
    // Seen from the clock moved on, the new token is already due for its renewal: stop it before it asks, so only the sign-in is seen.
    again.stop();
    expect(again.how).toBe('password');
    expect(terminal.shown()).toBe('The kept sign-in of fa@example.com has expired: signing in again.\n');
    expect(shortLived.flows().at(0)).toBe('REFRESH_TOKEN_AUTH');
    expect(shortLived.flows().slice(-2)).toEqual(['USER_SRP_AUTH', 'PASSWORD_VERIFIER']);
  }, 20_000);

  it('reads the password from the terminal with echo off', async () => {
    cognito.addUser('gu@example.com', PASSWORD);
    const terminal = scriptedTerminal([PASSWORD]);
    const signedIn = await run(cognito, 'gu@example.com', { terminal });
    expect(signedIn.how).toBe('password');
    expect(terminal.shown()).toBe('Password for gu@example.com: \n');
    expect(terminal.input.rawModes).toEqual([true, false]);
  });

  it('has an invited user choose a new password, typed twice without echo, and signs in with it', async () => {
    cognito.addUser('hu@example.com', 'Temporary-Pass-1', 'FORCE_CHANGE_PASSWORD');
    const terminal = scriptedTerminal(['Temporary-Pass-1', NEW_PASSWORD, NEW_PASSWORD]);
    const signedIn = await run(cognito, 'hu@example.com', { terminal });
    expect(signedIn.how).toBe('password');
    expect(cognito.flows()).toEqual(['USER_SRP_AUTH', 'PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED']);
    expect(cognito.hasPassword('hu@example.com', NEW_PASSWORD)).toBe(true);
    expect(terminal.shown()).toContain('must choose a new one');
    expect(terminal.shown()).not.toContain(NEW_PASSWORD);
    expect(terminal.input.rawModes).toEqual([true, false, true, false, true, false]);
  });

  it('takes the new password from LECTURE_NOTES_NEW_PASSWORD in a script', async () => {
    cognito.addUser('ia@example.com', 'Temporary-Pass-1', 'FORCE_CHANGE_PASSWORD');
    await run(cognito, 'ia@example.com', { env: { LECTURE_NOTES_PASSWORD: 'Temporary-Pass-1', LECTURE_NOTES_NEW_PASSWORD: NEW_PASSWORD } });
    expect(cognito.hasPassword('ia@example.com', NEW_PASSWORD)).toBe(true);
  });

  it.each([
    ['wrong', ['Temporary-Pass-1', NEW_PASSWORD, 'Something-Else-9'], 'The two new passwords differ; nothing was changed. Run this again.'],
    ['refused', ['Temporary-Pass-1', 'short', 'short'], 'The new password was refused: Password does not conform to policy: Password not long enough Choose another and run this again.'],
  ])('says what to do when the new password is %s', async (label, answers, message) => {
    const user = `new-${label}@example.com`;
    cognito.addUser(user, 'Temporary-Pass-1', 'FORCE_CHANGE_PASSWORD');
    expect(await failureOf(cognito, user, { terminal: scriptedTerminal(answers) })).toBe(message);
    expect(cognito.hasPassword(user, 'Temporary-Pass-1')).toBe(true);
  });

  it('says how to set the new password when there is no terminal to type it in', async () => {
    cognito.addUser('jo@example.com', 'Temporary-Pass-1', 'FORCE_CHANGE_PASSWORD');
    expect(await failureOf(cognito, 'jo@example.com', { env: { LECTURE_NOTES_PASSWORD: 'Temporary-Pass-1' } })).toBe(
      'jo@example.com signed in with a temporary password and must choose a new one: run npm run login in a terminal, which asks for it, or set LECTURE_NOTES_NEW_PASSWORD.',
    );
  });

  it('says how to give a password when there is neither a terminal nor LECTURE_NOTES_PASSWORD', async () => {
    cognito.addUser('ka@example.com', PASSWORD);
    expect(await failureOf(cognito, 'ka@example.com')).toBe(
      'ka@example.com must sign in, and there is no terminal to type the password in: run this in a terminal, or set LECTURE_NOTES_PASSWORD.',
    );
    expect(cognito.requests).toEqual([]);
  });

  it('answers a wrong password and an unknown user with the same words, so they tell a stranger nothing', async () => {
    cognito.addUser('li@example.com', PASSWORD);
    const wrongPassword = await failureOf(cognito, 'li@example.com', { env: { LECTURE_NOTES_PASSWORD: 'Not-The-Password-1' } });
    const unknownUser = await failureOf(cognito, 'nobody@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } });
    expect(wrongPassword).toBe('Wrong e-mail address or password for li@example.com. Check both and try again; if the password is lost, choose "Forgot your password?" on the web page\'s sign-in.');
    expect(unknownUser).toBe(wrongPassword.replace('li@example.com', 'nobody@example.com'));
  });

  it.each([
    ['an unconfirmed address', 'UNCONFIRMED' as const, /^mo@example\.com has not confirmed the e-mail address yet\. Sign in once on the web page: it asks for the code Cognito e-mailed/],
    ['a password reset an administrator asked for', 'RESET_REQUIRED' as const, /^mo@example\.com must choose a new password first: .*"Forgot your password\?"/],
  ])('says what to do about %s', async (_label, status, message) => {
    const pool = await startCognitoStandIn({ issuer });
    try {
      pool.addUser('mo@example.com', PASSWORD, status);
      expect(await failureOf(pool, 'mo@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } })).toMatch(message);
    } finally {
      await pool.close();
    }
  });

  it.each([
    ['TooManyRequestsException', 'Rate exceeded', 'Cognito is refusing requests for now (too many in a short time). Wait a minute, then try again.'],
    ['NotAuthorizedException', 'Password attempts exceeded', 'Too many wrong passwords in a row: Cognito refuses this user for a while. Wait a few minutes, then try again.'],
    ['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.', 'The app client does not allow sign-in with SRP (ALLOW_USER_SRP_AUTH). Deploy this version of the stack, whose app client does.'],
  ])('says what to do when Cognito answers %s', async (code, cognitoMessage, message) => {
    cognito.addUser('ny@example.com', PASSWORD);
    cognito.faults.push({ code, message: cognitoMessage });
    expect(await failureOf(cognito, 'ny@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } })).toBe(message);
  });

  it('names the pool and client when Cognito knows no such app client', async () => {
    const message = await signIn({ user: 'ada@example.com', api: API, userPoolId: cognito.userPoolId, clientId: 'not-this-one' }, depsOf(cognito, { env: { LECTURE_NOTES_PASSWORD: PASSWORD } })).then(
      () => 'signed in',
      (error: Error) => error.message,
    );
    expect(message).toBe(`Cognito knows no user pool ${cognito.userPoolId} with that app client. Check --user-pool-id and --client-id, or give --stack to read both from the stack.`);
  });

  it('says where it could not reach Cognito', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const unreachable = { ...cognito, endpoint: `http://127.0.0.1:${closed}/` };
    expect(await failureOf(unreachable, 'ada@example.com', { env: { LECTURE_NOTES_PASSWORD: PASSWORD } })).toBe(
      `Cannot reach Cognito at http://127.0.0.1:${closed}/. Check the network connection, and that the user pool id (${cognito.userPoolId}) names the right region.`,
    );
  });
});

describe('the stack a sign-in reads', () => {
  const cloudFormation = mockClient(CloudFormationClient);
  let configDir: string;
  let cognito: CognitoStandIn;
  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'sign-in-stack-'));
    cognito = await startCognitoStandIn({ issuer: await openLocalIssuer(join(configDir, 'issuer')) });
    cognito.addUser('ada@example.com', PASSWORD);
  });
  afterAll(async () => {
    cloudFormation.restore();
    await cognito?.close();
    await rm(configDir, { recursive: true, force: true });
  });
  const deps = (): SignInDependencies => ({
    env: { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint, LECTURE_NOTES_PASSWORD: PASSWORD },
    store: openTokenStore(join(configDir, 'config')),
    terminal: { input: process.stdin, output: process.stderr },
    cloudFormation: (region) => new CloudFormationClient({ region: region ?? 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    now: Date.now,
  });

  it("takes the API, user pool and app client from the stack's outputs, once", async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'LectureNotes-dev' }).resolves({
      Stacks: [
        {
          StackName: 'LectureNotes-dev',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: API },
            { OutputKey: 'UserPoolId', OutputValue: cognito.userPoolId },
            { OutputKey: 'UserPoolClientId', OutputValue: cognito.clientId },
            { OutputKey: 'WebUrl', OutputValue: 'https://d111.cloudfront.net/' },
          ],
        },
      ],
    });
    const signedIn = await signIn({ user: 'ada@example.com', stack: 'LectureNotes-dev' }, deps());
    signedIn.stop();
    expect(signedIn).toMatchObject({ apiUrl: API, userPoolId: cognito.userPoolId, how: 'password' });
    const again = await signIn({ user: 'ada@example.com', stack: 'LectureNotes-dev' }, deps());
    again.stop();
    expect(again.how).toBe('kept');
    expect(cloudFormation).toHaveReceivedCommandTimes(DescribeStacksCommand, 1);
  });

  it('says so when the stack does not exist, and when it lacks an output', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'LectureNotes-typo' }).rejects(Object.assign(new Error('Stack with id LectureNotes-typo does not exist'), { name: 'ValidationError' }));
    cloudFormation.on(DescribeStacksCommand, { StackName: 'LectureNotes-old' }).resolves({
      Stacks: [{ StackName: 'LectureNotes-old', CreationTime: new Date(), StackStatus: 'UPDATE_COMPLETE', Outputs: [{ OutputKey: 'ApiUrl', OutputValue: API }] }],
    });
    await expect(signIn({ user: 'ada@example.com', stack: 'LectureNotes-typo' }, deps())).rejects.toThrow(
      'There is no stack LectureNotes-typo in eu-west-1. Check the name (npx cdk list shows them) and the region (--region or AWS_REGION).',
    );
    await expect(signIn({ user: 'ada@example.com', stack: 'LectureNotes-old' }, deps())).rejects.toThrow(
      'The stack LectureNotes-old has no UserPoolId output. Deploy this version of the stack (npm run deploy), which writes it.',
    );
  });
});

describe('how npm run notes reaches a deployed API', () => {
  it('sends a token given as it is, and asks for a sign-in when there is neither a user nor a token', async () => {
    const given = await deployedApi({ api: API, token: 'a.b.c' });
    expect([given.apiUrl, given.idToken()]).toEqual([API, 'a.b.c']);
    await expect(deployedApi({ api: API })).rejects.toThrow(`${API} answers only signed-in users: give --user EMAIL (or --token TOKEN).`);
    await expect(deployedApi({ api: API, user: 'ada@example.com', token: 'a.b.c' })).rejects.toThrow('Give --user or --token, not both.');
  });
});
