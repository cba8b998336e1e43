import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUse, lockDataFolder } from '../../../infra/local/data-folder';

/** The pid of a process that has exited (and been reaped), as a crashed server leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the data folder lock', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'data-folder-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('lets one holder at a time take the folder, naming the holder to the next, until it is released', async () => {
    const lock = await lockDataFolder(dataDir);
    expect(await readFile(join(dataDir, 'server.lock'), 'utf8')).toBe(String(process.pid));

    const refused = await lockDataFolder(dataDir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataFolderInUse);
    expect((refused as DataFolderInUse).message).toBe(
      `Another Lecture Notes server (process ${process.pid}) is using the data folder ${dataDir}. Stop it first, or start this one on another folder with LECTURE_NOTES_DATA_DIR.`,
    );

    await lock.release();
    await (await lockDataFolder(dataDir)).release();
  });

  it('takes over a lock left by a process that died', async () => {
    await writeFile(join(dataDir, 'server.lock'), String(await deadPid()));

    const lock = await lockDataFolder(dataDir);

    expect(await readFile(join(dataDir, 'server.lock'), 'utf8')).toBe(String(process.pid));
    await lock.release();
  });
});
