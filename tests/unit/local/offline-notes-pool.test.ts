import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { OfflineNotesPool } from '../../../infra/local/offline-notes-pool';
import type { Chunk } from '../../../shared/contracts/transcript';
import { parseCaptions } from '../../../shared/domain/captions';
import { chunkTranscript, DEFAULT_CHUNKING } from '../../../shared/domain/chunking';

const chunks = chunkTranscript(parseCaptions(await readFile('samples/how-databases-keep-promises.vtt', 'utf8'), 'lecture.vtt'), DEFAULT_CHUNKING).map((chunk) => ({ ...chunk, language: 'en' }));

/** How many times a 1 ms timer got to run while `work` was under way: none when the event loop was blocked throughout. */
async function timerTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => (turns += 1), 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return turns;
}

describe('the offline notes pool', () => {
  const pool = new OfflineNotesPool({ threads: 2 });
  afterAll(() => pool.close());

  it('writes the same notes as the engine in this thread, as the same engine', async () => {
    const inProcess = new OfflineNotesGenerator();
    const [pooled, direct] = await Promise.all([Promise.all(chunks.map((chunk) => pool.generate(chunk))), Promise.all(chunks.map((chunk) => inProcess.generate(chunk)))]);
    expect(pooled).toEqual(direct);
    expect(pool.engine).toEqual(inProcess.engine);
  });

  it('leaves the event loop free while it works', async () => {
    const heavy = chunks.slice(0, 3);
    // Warm both (the language model loads once per thread) so only the notes themselves are measured.
    await Promise.all(heavy.map((chunk) => pool.generate(chunk)));
    const inProcess = new OfflineNotesGenerator();
    await inProcess.generate(heavy[0]!);

    const pooledTurns = await timerTurnsDuring(() => Promise.all(heavy.map((chunk) => pool.generate(chunk))));
    const directTurns = await timerTurnsDuring(async () => {
      for (const chunk of heavy) await inProcess.generate(chunk);
    });
    expect(pooledTurns).toBeGreaterThan(directTurns);
    expect(pooledTurns).toBeGreaterThanOrEqual(5);
  });

  it('passes an engine error back with its name, and keeps working', async () => {
    const broken = { ...chunks[0]!, sentences: null } as unknown as Chunk;
    await expect(pool.generate(broken)).rejects.toMatchObject({ name: 'TypeError' });
    await expect(pool.generate(chunks[0]!)).resolves.toMatchObject({ notes: { sections: expect.any(Array) } });
  });

  it('refuses work once closed', async () => {
    const closed = new OfflineNotesPool({ threads: 1 });
    await closed.close();
    await expect(closed.generate(chunks[0]!)).rejects.toThrow(/closed/);
  });
});
