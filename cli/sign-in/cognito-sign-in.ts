import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { SignInError, signInFailure } from './sign-in-errors';

/* Signing in to a Cognito user pool with SRP (USER_SRP_AUTH), as the web's hosted
   page does: the password never leaves this machine, only a proof of it. The
   SRP exchange is amazon-cognito-identity-js's; this module asks it and keeps
   its answers as plain tokens. */

export interface UserPoolClient {
  userPoolId: string;
  clientId: string;
  /**
   * Cognito's endpoint; default https://cognito-idp.{region of the pool id}.amazonaws.com/.
   * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or AWS_ENDPOINT_URL set it, as for the AWS CLI.
   */
  endpoint?: string;
}

export interface SignInTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Answers the new password of a user an administrator invited (Cognito's
 * NEW_PASSWORD_REQUIRED challenge), or throws a SignInError saying how to set one.
 */
export type ChooseNewPassword = () => Promise<string>;

export const cognitoEndpointOf = (pool: UserPoolClient) => pool.endpoint ?? `https://cognito-idp.${pool.userPoolId.split('_')[0]}.amazonaws.com/`;

export function cognitoEndpointFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || env.AWS_ENDPOINT_URL || undefined;
}

/** Signs `user` in with `password`; the tokens, or a SignInError with what to do. */
export function signInWithPassword(pool: UserPoolClient, user: string, password: string, chooseNewPassword: ChooseNewPassword): Promise<SignInTokens> {
  const context = { user, userPoolId: pool.userPoolId, endpoint: cognitoEndpointOf(pool) };
  const cognitoUser = userOf(pool, user);
  return new Promise<SignInTokens>((resolve, reject) => {
    const fail = (error: unknown) => reject(signInFailure(error, context));
    const unsupported = (challenge: string) => () =>
      reject(new SignInError(`The user pool asks ${user} for ${challenge}, which the command line cannot answer. Sign in on the web page instead.`, challenge));
    const callbacks = {
      onSuccess: (session: CognitoUserSession) => resolve(tokensOf(session)),
      onFailure: fail,
      newPasswordRequired: (_attributes: unknown, requiredAttributes: string[]) => {
        if (requiredAttributes.length > 0) {
          return reject(new SignInError(`${user} must set ${requiredAttributes.join(', ')} before signing in, which the command line cannot do. Sign in on the web page first.`, 'NEW_PASSWORD_REQUIRED'));
        }
        // What choosing fails with (a cancelled prompt, passwords that differ) says so itself.
        chooseNewPassword().then((newPassword) => cognitoUser.completeNewPasswordChallenge(newPassword, {}, callbacks), reject);
      },
      mfaRequired: unsupported('an SMS code'),
      totpRequired: unsupported('an authenticator code'),
      mfaSetup: unsupported('MFA set-up'),
      selectMFAType: unsupported('a choice of MFA'),
      customChallenge: unsupported('a custom challenge'),
    };
    cognitoUser.authenticateUser(new AuthenticationDetails({ Username: user, Password: password }), callbacks);
  });
}

/** New ID and access tokens for a refresh token (REFRESH_TOKEN_AUTH); rejects with the library's error. */
export function refreshSignIn(pool: UserPoolClient, user: string, refreshToken: string): Promise<SignInTokens> {
  return new Promise((resolve, reject) => {
    userOf(pool, user).refreshSession(new CognitoRefreshToken({ RefreshToken: refreshToken }), (error: unknown, session: CognitoUserSession | null) =>
      error || !session ? reject(error ?? new Error('Cognito answered no session')) : resolve(tokensOf(session)),
    );
  });
}

function userOf(pool: UserPoolClient, user: string): CognitoUser {
  // The library's own cache would only duplicate the token store, and its default is shared by every pool in the process.
  const storage = memoryStorage();
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, endpoint: pool.endpoint, Storage: storage });
  return new CognitoUser({ Username: user, Pool: userPool, Storage: storage });
}

const tokensOf = (session: CognitoUserSession): SignInTokens => ({
  idToken: session.getIdToken().getJwtToken(),
  accessToken: session.getAccessToken().getJwtToken(),
  refreshToken: session.getRefreshToken().getToken(),
});

function memoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}
