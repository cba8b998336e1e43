import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where `npm start` keeps its data (and `npm run token` finds its issuer): LECTURE_NOTES_DATA_DIR, or .local. */
export const dataFolderOf = (env: NodeJS.ProcessEnv): string => resolve(env.LECTURE_NOTES_DATA_DIR || '.local');

/** Another live process holds the data folder: its stores allow one process at a time. */
export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `Another Lecture Notes server${pid === undefined ? '' : ` (process ${pid})`} is using the data folder ${dataDir}. ` +
        'Stop it first, or start this one on another folder with LECTURE_NOTES_DATA_DIR.',
    );
    this.name = 'DataFolderInUse';
  }
}

const LOCK_FILE = 'server.lock';

/** False once the process is gone; a process of another user still counts as alive. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the lock; 'released' when the lock went away meanwhile, 'starting' while its holder has not written it yet. */
async function lockHolder(path: string): Promise<number | 'released' | 'starting'> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : 'starting';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'released';
    throw error;
  }
}

/**
 * Takes the data folder for this process: a lock file holding its pid,
 * created only if absent. dynalite's LevelDB and s3rver's files take one
 * process at a time; a second one would fail later and obscurely ("Database
 * is closed"). A lock left by a process that died (kill -9, a crash) is stale
 * and taken over.
 */
export async function lockDataFolder(dataDir: string): Promise<{ release(): Promise<void> }> {
  const path = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return {
        release: () =>
          unlink(path).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(path);
    if (holder === 'released') continue;
    if (holder === 'starting') throw new DataFolderInUse(dataDir, undefined);
    if (isAlive(holder)) throw new DataFolderInUse(dataDir, holder);
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      // Another starter took the stale lock away first; the next write decides who holds the folder.
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
