import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { configFolder } from './config-folder';
import { cognitoEndpointFromEnvironment, cognitoEndpointOf, refreshSignIn, signInWithPassword, type SignInTokens, type UserPoolClient } from './cognito-sign-in';
import { canPromptForSecret, promptForSecret, type SecretInput } from './secret-prompt';
import { SignInError, signInFailure } from './sign-in-errors';
import { readDeployedStack } from './stack-outputs';
import { openTokenStore, type StoredSignIn, type TokenStore } from './token-store';

/* How the CLI reaches a deployed API as a user of its Cognito user pool: the
   pool is found from the stack, the flags or an earlier sign-in; the tokens
   kept from an earlier sign-in are used, refreshed when about to expire, and
   only when there are none (or they can no longer be refreshed) is a password asked. */

/** The flags `npm run notes` and `npm run login` share, for node:util parseArgs. */
export const SIGN_IN_OPTIONS = {
  api: { type: 'string' },
  user: { type: 'string' },
  stack: { type: 'string' },
  region: { type: 'string' },
  'user-pool-id': { type: 'string' },
  'client-id': { type: 'string' },
} as const;

export const SIGN_IN_USAGE = `  --user EMAIL    sign in to the deployed stack's user pool as EMAIL: the password is asked in the
                  terminal (or read from LECTURE_NOTES_PASSWORD); later runs reuse the kept tokens
  --stack NAME    the deployed stack, whose outputs name the API and user pool (needs AWS credentials
                  on first use); --region R if it is not in AWS_REGION
  --user-pool-id ID, --client-id ID
                  instead of --stack: its UserPoolId and UserPoolClientId outputs (also
                  LECTURE_NOTES_USER_POOL_ID, LECTURE_NOTES_CLIENT_ID)`;

export interface SignInRequest {
  user: string;
  api?: string;
  stack?: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
}

export interface SignInDependencies {
  env: NodeJS.ProcessEnv;
  store: TokenStore;
  /** Where a password is typed and its prompt shown. */
  terminal: { input: SecretInput; output: NodeJS.WritableStream };
  cloudFormation: (region: string | undefined) => CloudFormationClient;
  now: () => number;
}

export const defaultSignInDependencies = (): SignInDependencies => ({
  env: process.env,
  store: openTokenStore(configFolder()),
  terminal: { input: process.stdin, output: process.stderr },
  cloudFormation: (region) => new CloudFormationClient({ region }),
  now: Date.now,
});

export interface SignedIn {
  apiUrl: string;
  user: string;
  userPoolId: string;
  /** How this run got its tokens. */
  how: 'kept' | 'refreshed' | 'password';
  /** The current ID token, renewed in the background before it expires while this process runs. */
  idToken: () => string;
  /** Stops the renewal. */
  stop: () => void;
}

/** An ID token is renewed when less than this much of its life is left (or half of it, for short-lived ones). */
const RENEW_BEFORE_EXPIRY_SECONDS = 300;

interface Target extends UserPoolClient {
  apiUrl: string;
  stackName?: string;
}

/** Signs `request.user` in to the deployed API's user pool, from kept tokens when it can. */
export async function signIn(request: SignInRequest, deps: SignInDependencies = defaultSignInDependencies()): Promise<SignedIn> {
  const target = await targetOf(request, deps);
  const pool: UserPoolClient = { userPoolId: target.userPoolId, clientId: target.clientId, endpoint: target.endpoint };
  const keep = async (tokens: SignInTokens) => {
    const signIn: StoredSignIn = { user: request.user, userPoolId: target.userPoolId, clientId: target.clientId, apiUrl: target.apiUrl, stackName: target.stackName, ...tokens };
    await deps.store.save(signIn);
    return signIn;
  };

  const kept = await deps.store.find(request.user, { userPoolId: target.userPoolId, clientId: target.clientId });
  const usable = kept && renewalDueIn(kept.idToken, deps.now()) > 0 ? kept : undefined;
  const refreshed = kept && !usable ? await renew(kept) : undefined;
  if (kept && !usable && !refreshed) deps.terminal.output.write(`The kept sign-in of ${request.user} has expired: signing in again.\n`);
  let current = usable ?? refreshed ?? (await keep(await signInWithPassword(pool, request.user, await passwordOf(request.user, deps), () => newPasswordOf(request.user, deps))));
  const how: SignedIn['how'] = usable ? 'kept' : refreshed ? 'refreshed' : 'password';

  async function renew(signIn: StoredSignIn): Promise<StoredSignIn | undefined> {
    try {
      // The answer holds the refresh token to use next: the same one, or a new one where the pool rotates them.
      return await keep(await refreshSignIn(pool, request.user, signIn.refreshToken));
    } catch (error) {
      // An expired or revoked refresh token means signing in afresh; what else stops a refresh (no network,
      // throttling) would stop a password sign-in too.
      if ((error as { code?: string }).code === 'NotAuthorizedException') return undefined;
      throw signInFailure(error, { user: request.user, userPoolId: pool.userPoolId, endpoint: cognitoEndpointOf(pool) });
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      renew(current).then(
        (signIn) => {
          // Without a new token (the refresh token was revoked) the one in hand serves until it expires.
          if (!signIn) return;
          current = signIn;
          schedule();
        },
        // The token in hand still works until it expires; the API says so if it does.
        () => undefined,
      );
    }, renewalDueIn(current.idToken, deps.now()) * 1000);
    timer.unref();
  };
  schedule();

  return { apiUrl: target.apiUrl, user: request.user, userPoolId: target.userPoolId, how, idToken: () => current.idToken, stop: () => clearTimeout(timer) };
}

/** The API and user pool to sign in to: from the flags, the stack's outputs, or the sign-in kept for that stack or API. */
async function targetOf(request: SignInRequest, deps: SignInDependencies): Promise<Target> {
  const endpoint = cognitoEndpointFromEnvironment(deps.env);
  const userPoolId = request.userPoolId ?? deps.env.LECTURE_NOTES_USER_POOL_ID;
  const clientId = request.clientId ?? deps.env.LECTURE_NOTES_CLIENT_ID;
  if (userPoolId && clientId) {
    const apiUrl = request.api ?? (await deps.store.find(request.user, { userPoolId, clientId }))?.apiUrl;
    if (!apiUrl) throw new SignInError('Give --api URL too: the stack\'s ApiUrl output.');
    return { apiUrl, userPoolId, clientId, endpoint, stackName: request.stack };
  }
  if (userPoolId || clientId) throw new SignInError('Give both --user-pool-id and --client-id, or --stack to read them from the stack.');
  if (request.stack) {
    const kept = await deps.store.find(request.user, { stackName: request.stack });
    const stack = kept ? { ...kept, stackName: request.stack } : await readDeployedStack(request.stack, deps.cloudFormation(request.region));
    return { apiUrl: request.api ?? stack.apiUrl, userPoolId: stack.userPoolId, clientId: stack.clientId, endpoint, stackName: request.stack };
  }
  if (!request.api) throw new SignInError('Give --stack NAME, or --api URL with the stack\'s user pool.');
  const kept = await deps.store.find(request.user, { apiUrl: request.api });
  if (!kept) {
    throw new SignInError(
      `The first sign-in of ${request.user} to ${request.api} needs its user pool: give --stack NAME to read it from the stack, or --user-pool-id and --client-id (the stack's UserPoolId and UserPoolClientId outputs).`,
    );
  }
  return { apiUrl: request.api, userPoolId: kept.userPoolId, clientId: kept.clientId, endpoint, stackName: kept.stackName };
}

/** Seconds until `idToken` should be renewed: 0 when it is due now. */
function renewalDueIn(idToken: string, nowMs: number): number {
  const { exp, iat } = claimsOf(idToken);
  const lifetime = exp - iat;
  const renewAt = exp - Math.min(RENEW_BEFORE_EXPIRY_SECONDS, lifetime / 2);
  return Math.max(0, renewAt - nowMs / 1000);
}

function claimsOf(jwt: string): { exp: number; iat: number } {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
    if (typeof claims.exp === 'number') return { exp: claims.exp, iat: typeof claims.iat === 'number' ? claims.iat : claims.exp };
  } catch {
    // Not a JWT: treated as expired below, so it is replaced.
  }
  return { exp: 0, iat: 0 };
}

async function passwordOf(user: string, { env, terminal }: SignInDependencies): Promise<string> {
  if (env.LECTURE_NOTES_PASSWORD) return env.LECTURE_NOTES_PASSWORD;
  if (!canPromptForSecret(terminal.input)) {
    throw new SignInError(`${user} must sign in, and there is no terminal to type the password in: run this in a terminal, or set LECTURE_NOTES_PASSWORD.`);
  }
  return promptForSecret(`Password for ${user}: `, terminal.input, terminal.output);
}

/** The new password of an invited user: typed twice in a terminal, or LECTURE_NOTES_NEW_PASSWORD. */
async function newPasswordOf(user: string, { env, terminal }: SignInDependencies): Promise<string> {
  if (env.LECTURE_NOTES_NEW_PASSWORD) return env.LECTURE_NOTES_NEW_PASSWORD;
  if (!canPromptForSecret(terminal.input)) {
    throw new SignInError(
      `${user} signed in with a temporary password and must choose a new one: run npm run login in a terminal, which asks for it, or set LECTURE_NOTES_NEW_PASSWORD.`,
      'NEW_PASSWORD_REQUIRED',
    );
  }
  terminal.output.write(`${user} signed in with a temporary password and must choose a new one.\n`);
  const first = await promptForSecret('New password: ', terminal.input, terminal.output);
  const second = await promptForSecret('The new password again: ', terminal.input, terminal.output);
  if (first !== second) throw new SignInError('The two new passwords differ; nothing was changed. Run this again.', 'NEW_PASSWORD_REQUIRED');
  return first;
}

export interface DeployedApi {
  apiUrl: string;
  idToken: () => string | undefined;
  stop: () => void;
}

/** The deployed API and how to call it: as `--user`, signed in, or with a token given as it is. */
export async function deployedApi(options: Partial<SignInRequest> & { token?: string }, deps?: SignInDependencies): Promise<DeployedApi> {
  const { user, token } = options;
  if (user && token) throw new SignInError('Give --user or --token, not both.');
  if (user) return signIn({ ...options, user }, deps);
  if (!options.api || options.stack) throw new SignInError('Give --user EMAIL to sign in to the stack\'s user pool.');
  if (!token) throw new SignInError(`${options.api} answers only signed-in users: give --user EMAIL (or --token TOKEN).`);
  return { apiUrl: options.api, idToken: () => token, stop: () => undefined };
}
