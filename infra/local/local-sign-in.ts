import * as z from 'zod';
import type { LocalSignInResponse } from '../../shared/contracts/api';
import { httpHandler, jsonResponse, readJsonBody } from '../../lambdas/runtime/http';
import { DEFAULT_TOKEN_SECONDS, LOCAL_USERNAME_PATTERN, LOCAL_USERNAME_RULE, type LocalIssuer } from './local-issuer';

/* The local stand-in for Cognito's hosted sign-in, which the web client uses in
   local mode. It asks for no password: the local runtime has no accounts, only
   names. It is served by the local runtime alone; no CDK route or handler entry
   exists for it, so it cannot reach AWS. */

export const LOCAL_SIGN_IN_PATH = '/local/sign-in';

const SignInRequestSchema = z.object({ username: z.string().regex(LOCAL_USERNAME_PATTERN, `use ${LOCAL_USERNAME_RULE}`) });

/** POST /local/sign-in `{username}`: `{idToken, expiresIn}` for that user, from the local issuer. */
export const localSignIn = (issuer: LocalIssuer) =>
  httpHandler(`POST ${LOCAL_SIGN_IN_PATH}`, async (event) => {
    const { username } = readJsonBody(event, SignInRequestSchema);
    const signedIn: LocalSignInResponse = { idToken: issuer.issue(username, { expiresInSeconds: DEFAULT_TOKEN_SECONDS }), expiresIn: DEFAULT_TOKEN_SECONDS };
    return jsonResponse(200, signedIn);
  });
