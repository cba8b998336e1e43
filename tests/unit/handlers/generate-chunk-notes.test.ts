import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/generate-chunk-notes';
import { StoredChunkNotesSchema, type StoredChunkNotes } from '../../../shared/contracts/notes';
import type { Chunk } from '../../../shared/contracts/transcript';
import { progressOnEntering } from '../../../shared/domain/job-status-rules';
import { chunkKey, chunkNotesKey } from '../../../shared/domain/object-keys';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const JOB_ID = 'job-2';
const CHUNKS = 2;

const chunkOf = (index: number): Chunk => ({
  index,
  count: CHUNKS,
  language: 'en',
  start: index * 60,
  end: (index + 1) * 60,
  sentences: [{ start: index * 60, end: (index + 1) * 60, text: `Part ${index + 1} covers the Calvin cycle.` }],
  overlapSentences: 0,
  approxTokens: 40 + index,
});

async function setUp() {
  const deps = testDependencies();
  await deps.jobs.create(jobRecord({ jobId: JOB_ID, status: 'generating_notes', progress: progressOnEntering('generating_notes'), chunksTotal: CHUNKS }));
  for (let index = 0; index < CHUNKS; index++) deps.objects.put(chunkKey(JOB_ID, index), JSON.stringify(chunkOf(index)));
  const generate = (chunkIndex: number) => makeHandler(deps)({ jobId: JOB_ID, chunkKey: chunkKey(JOB_ID, chunkIndex), chunkIndex });
  const job = async () => (await deps.jobs.get(JOB_ID))!;
  return { deps, generate, job };
}

const storedNotes = (deps: ReturnType<typeof testDependencies>, index: number) =>
  StoredChunkNotesSchema.parse(JSON.parse(deps.objects.text(chunkNotesKey(JOB_ID, index)) ?? 'null'));

describe('GenerateChunkNotes', () => {
  it("stores the chunk's notes with the engine and usage that made them", async () => {
    const { deps, generate } = await setUp();
    const expected = await deps.notes.generate(chunkOf(1));

    expect(await generate(1)).toEqual({ chunkIndex: 1 });

    expect(storedNotes(deps, 1)).toEqual({ chunkIndex: 1, start: 60, end: 120, notes: expected.notes, engine: deps.notes.engine, usage: expected.usage });
  });

  it('counts the chunk, adds its tokens and raises progress as chunks finish', async () => {
    const { generate, job } = await setUp();
    const start = await job();

    await generate(0);
    const afterOne = await job();
    await generate(1);
    const afterTwo = await job();

    expect(afterOne.chunksDone).toBe(1);
    expect(afterTwo.chunksDone).toBe(2);
    expect(afterTwo.usage).toMatchObject({ inputTokens: 40 + 41, outputTokens: 10 + 20 });
    expect(afterOne.progress).toBeGreaterThan(start.progress);
    expect(afterTwo.progress).toBeGreaterThan(afterOne.progress);
    expect(afterTwo.progress).toBeLessThan(progressOnEntering('merging')!);
  });

  it('reuses notes a previous attempt stored, without generating or counting them again', async () => {
    const { deps, generate, job } = await setUp();
    const earlier: StoredChunkNotes = {
      chunkIndex: 0,
      start: 0,
      end: 60,
      notes: { continuesPreviousTopic: false, sections: [], glossary: [{ term: 'Made by the first attempt', definition: 'kept', firstExplainedAt: 0 }], reviewQuestions: [], actionItems: [] },
      engine: { kind: 'openai', model: 'earlier-model' },
      usage: { inputTokens: 500, outputTokens: 70 },
    };
    deps.objects.put(chunkNotesKey(JOB_ID, 0), JSON.stringify(earlier), 'application/json');

    await generate(0);
    await generate(0);

    expect(deps.notes.chunksSeen).toEqual([]);
    expect(deps.objects.writes).toEqual([]);
    expect(await job()).toMatchObject({ chunksDone: 1, usage: { inputTokens: 500, outputTokens: 70 } });
  });

  it('reports the tokens a chunk used when its notes are made, not when they are reused', async () => {
    const { deps, generate } = await setUp();
    await generate(0);
    await generate(0);
    const tokens = deps.metrics.events.filter((event) => event.event === 'tokensUsed');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.detail).toMatchObject({ inputTokens: expect.any(Number), outputTokens: expect.any(Number) });
  });

  it('calls the notes engine once for a chunk whose step is retried', async () => {
    const { deps, generate, job } = await setUp();

    await generate(1);
    await generate(1);

    expect(deps.notes.chunksSeen).toEqual([1]);
    expect((await job()).chunksDone).toBe(1);
  });
});
