import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from './local-runtime';

/** A local runtime on a scratch folder of its own, removed when the runtime stops: for one-off runs and tests. */
export async function startScratchRuntime(options: Omit<LocalRuntimeOptions, 'dataDir'> = {}): Promise<LocalRuntime> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lecture-notes-'));
  try {
    const runtime = await startLocalRuntime({ ...options, dataDir });
    return {
      ...runtime,
      stop: async () => {
        await runtime.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
