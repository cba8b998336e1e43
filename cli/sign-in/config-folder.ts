import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI keeps what outlives one run: $XDG_CONFIG_HOME/lecture-notes when
 * that is set, otherwise the platform's usual place for a user's settings.
 */
export function configFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'lecture-notes');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'lecture-notes');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'lecture-notes');
  return join(home, '.config', 'lecture-notes');
}
