import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_SECONDS, localIssuerFolder, openLocalIssuer } from '../infra/local/local-issuer';

const USAGE = `Usage: npm run token -- <user> [--expires-in SECONDS] [--data-dir DIR]

Prints an ID token for <user> from the local issuer that \`npm start\` trusts,
for \`Authorization: Bearer <token>\` or \`npm run notes -- --api URL --token <token>\`.

  --expires-in SECONDS  the token's lifetime (default ${DEFAULT_TOKEN_SECONDS}, at most 86400)
  --data-dir DIR        the local runtime's data folder (default .local, the one npm start uses)`;

function readArguments() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'expires-in': { type: 'string' },
      'data-dir': { type: 'string', default: '.local' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const user = positionals[0];
  if (!user || positionals.length > 1) throw new Error('Give exactly one user name.');
  const expiresIn = values['expires-in'];
  return { user, dataDir: resolve(values['data-dir']), expiresInSeconds: expiresIn === undefined ? undefined : Number(expiresIn) };
}

try {
  const { user, dataDir, expiresInSeconds } = readArguments();
  const issuer = await openLocalIssuer(localIssuerFolder(dataDir));
  process.stdout.write(`${issuer.issue(user, { expiresInSeconds })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
