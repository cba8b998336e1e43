import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataFolderOf } from '../infra/local/data-folder';
import { DEFAULT_TOKEN_SECONDS, localIssuerFolder, openLocalIssuer } from '../infra/local/local-issuer';

const USAGE = `Usage: npm run token -- <user> [--expires-in SECONDS] [--data-dir DIR]

Prints an ID token for <user> from the local issuer that \`npm start\` trusts,
for \`Authorization: Bearer <token>\` or \`npm run notes -- --api URL --token <token>\`.

  --expires-in SECONDS  the token's lifetime (default ${DEFAULT_TOKEN_SECONDS}, at most 86400)
  --data-dir DIR        the local runtime's data folder (default LECTURE_NOTES_DATA_DIR or .local, as for npm start)`;

function readArguments() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'expires-in': { type: 'string' },
      'data-dir': { type: 'string' },
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
  return { user, dataDir: values['data-dir'] ? resolve(values['data-dir']) : dataFolderOf(process.env), expiresInSeconds: expiresIn === undefined ? undefined : Number(expiresIn) };
}

try {
  const { user, dataDir, expiresInSeconds } = readArguments();
  const issuer = await openLocalIssuer(localIssuerFolder(dataDir));
  process.stdout.write(`${issuer.issue(user, { expiresInSeconds })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
