/* What a failed sign-in tells the person at the terminal: what happened and what to do next. */

/** A sign-in that cannot go on, with the message to show. */
export class SignInError extends Error {
  constructor(
    message: string,
    /** Cognito's error code, or the library's, when there was one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export interface SignInContext {
  user: string;
  userPoolId: string;
  /** Where the Cognito calls went. */
  endpoint: string;
}

const codeOf = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The SignInError for what Cognito (or the way to it) answered to a sign-in with a password. */
export function signInFailure(error: unknown, { user, userPoolId, endpoint }: SignInContext): SignInError {
  if (error instanceof SignInError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  switch (code) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(message)) return new SignInError('Too many wrong passwords in a row: Cognito refuses this user for a while. Wait a few minutes, then try again.', code);
      return wrongUserOrPassword(user, code);
    // Told apart from a wrong password, an unknown user would tell a stranger who has an account.
    case 'UserNotFoundException':
      return wrongUserOrPassword(user, code);
    case 'UserNotConfirmedException':
      return new SignInError(
        `${user} has not confirmed the e-mail address yet. Sign in once on the web page: it asks for the code Cognito e-mailed at sign-up and offers to send a new one. Then run this again.`,
        code,
      );
    case 'PasswordResetRequiredException':
      return new SignInError(`${user} must choose a new password first: on the web page's sign-in, choose "Forgot your password?", enter the code Cognito e-mails, set a password, then run this again.`, code);
    case 'InvalidPasswordException':
      return new SignInError(`The new password was refused: ${message} Choose another and run this again.`, code);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return new SignInError('Cognito is refusing requests for now (too many in a short time). Wait a minute, then try again.', code);
    case 'NetworkError':
      return new SignInError(`Cannot reach Cognito at ${endpoint}. Check the network connection, and that the user pool id (${userPoolId}) names the right region.`, code);
    case 'ResourceNotFoundException':
      return new SignInError(`Cognito knows no user pool ${userPoolId} with that app client. Check --user-pool-id and --client-id, or give --stack to read both from the stack.`, code);
    case 'InvalidParameterException':
      if (/USER_SRP_AUTH|not enabled/i.test(message)) return new SignInError(`The app client does not allow sign-in with SRP (ALLOW_USER_SRP_AUTH). Deploy this version of the stack, whose app client does.`, code);
      return new SignInError(`Cognito refused the sign-in: ${message}`, code);
    default:
      return new SignInError(`The sign-in failed${code ? ` (${code})` : ''}: ${message}`, code);
  }
}

function wrongUserOrPassword(user: string, code: string) {
  return new SignInError(`Wrong e-mail address or password for ${user}. Check both and try again; if the password is lost, choose "Forgot your password?" on the web page's sign-in.`, code);
}
