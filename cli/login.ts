import { parseArgs } from 'node:util';
import { runCommand, UsageError } from './command';
import { defaultSignInDependencies, SIGN_IN_OPTIONS, SIGN_IN_USAGE, signIn } from './sign-in/deployed-api';
import { isUser, type StoredSignIn } from './sign-in/token-store';

const USAGE = `Usage: npm run login -- --user EMAIL (--stack NAME | --api URL [--user-pool-id ID --client-id ID])
       npm run logout -- [--user EMAIL] [--stack NAME | --api URL]

Signs in to a deployed stack's user pool and keeps the tokens for \`npm run notes -- FILE --api URL --user EMAIL\`
(or --stack NAME), which then needs no password until the refresh token expires (30 days by default).
npm run logout forgets the kept tokens: of one user, of one stack or API, or all of them.

  --api URL       the deployed API (the stack's ApiUrl output)
${SIGN_IN_USAGE}
  --logout        forget instead of signing in (what npm run logout does)`;

function readArguments() {
  const { values, positionals } = parseArgs({
    options: { ...SIGN_IN_OPTIONS, logout: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected ${positionals.join(' ')}.`);
  return values;
}

async function main(): Promise<number> {
  const args = readArguments();
  const deps = defaultSignInDependencies();
  if (args.logout) {
    const matches = (signIn: StoredSignIn) =>
      (!args.user || isUser(args.user)(signIn)) && (!args.stack || signIn.stackName === args.stack) && (!args.api || signIn.apiUrl === args.api);
    const forgotten = await deps.store.remove(matches);
    process.stderr.write(forgotten === 0 ? 'No kept sign-in matched: nothing to forget.\n' : `Forgot ${forgotten} kept ${forgotten === 1 ? 'sign-in' : 'sign-ins'}.\n`);
    return 0;
  }
  if (!args.user) throw new UsageError('Give --user EMAIL: the address you signed up with.');
  const signedIn = await signIn(
    { user: args.user, api: args.api, stack: args.stack, region: args.region, userPoolId: args['user-pool-id'], clientId: args['client-id'] },
    deps,
  );
  signedIn.stop();
  const how = { kept: 'already signed in', refreshed: 'signed in (tokens refreshed)', password: 'signed in' }[signedIn.how];
  process.stderr.write(`${signedIn.user} ${how} to ${signedIn.apiUrl} (user pool ${signedIn.userPoolId}); tokens kept in ${deps.store.file}.\n`);
  return 0;
}

await runCommand(main, USAGE);
