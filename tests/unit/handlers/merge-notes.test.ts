import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/merge-notes';
import { MergedNotesSchema, type StoredChunkNotes } from '../../../shared/contracts/notes';
import type { Chunk } from '../../../shared/contracts/transcript';
import { progressOnEntering } from '../../../shared/domain/job-status-rules';
import { chunkKey, chunkNotesKey, mergedNotesKey, notesKey } from '../../../shared/domain/object-keys';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';
import { richSection } from '../../fixtures/merged-notes';

const JOB_ID = 'job-12';
const TOPICS = ['Atomicity', 'Write-ahead logging', 'Crash recovery'];
const ENGINE = { kind: 'openai', model: 'gpt-test-mini' } as const;

const chunkNotes = (index: number): StoredChunkNotes => ({
  chunkIndex: index,
  start: index * 600,
  end: (index + 1) * 600 - 10,
  notes: {
    continuesPreviousTopic: false,
    sections: [richSection(TOPICS[index]!, index * 600, (index + 1) * 600 - 10)],
    glossary: [{ term: TOPICS[index]!, definition: `explained in part ${index + 1}`, firstExplainedAt: index * 600 + 5 }],
    reviewQuestions: [{ question: `What is ${TOPICS[index]}?`, answer: `explained in part ${index + 1}`, at: index * 600 + 5 }],
    actionItems: [],
  },
  engine: ENGINE,
  usage: { inputTokens: 100 * (index + 1), outputTokens: 10 },
});

const chunk = (index: number): Chunk => ({
  index,
  count: TOPICS.length,
  language: 'nl',
  start: index * 600,
  end: (index + 1) * 600 - 10,
  sentences: [{ start: index * 600, end: index * 600 + 5, text: `${TOPICS[index]} is explained.` }],
  overlapSentences: 0,
  approxTokens: 10,
});

async function merge() {
  const deps = testDependencies();
  const job = jobRecord({ jobId: JOB_ID, status: 'generating_notes', fileName: 'databases-week-3.vtt', chunksTotal: TOPICS.length, chunksDone: TOPICS.length });
  await deps.jobs.create(job);
  for (const index of TOPICS.keys()) {
    await deps.objects.putText(chunkNotesKey(JOB_ID, index), JSON.stringify(chunkNotes(index)), 'application/json');
    await deps.objects.putText(chunkKey(JOB_ID, index), JSON.stringify(chunk(index)), 'application/json');
  }
  const chunks = { keys: TOPICS.map((_, index) => chunkKey(JOB_ID, index)), count: TOPICS.length };
  const ref = await makeHandler(deps)({ job: jobRefOf(job), chunks });
  return { deps, ref, stored: await deps.jobs.get(JOB_ID) };
}

describe('MergeNotes', () => {
  it('answers where the merged notes are, for the reduce step', async () => {
    const { ref } = await merge();

    expect(ref).toEqual({ mergedKey: mergedNotesKey(JOB_ID) });
  });

  it("stores every chunk's notes merged, with the job's file name, the chunks' language and the lecture's length", async () => {
    const { deps } = await merge();

    const merged = MergedNotesSchema.parse(JSON.parse(deps.objects.text(mergedNotesKey(JOB_ID)) ?? 'null'));
    expect(merged).toMatchObject({
      jobId: JOB_ID,
      source: { fileName: 'databases-week-3.vtt', language: 'nl', durationSeconds: 1_790, engine: ENGINE },
      usage: { inputTokens: 600, outputTokens: 30 },
    });
    expect(merged.sections.map((section) => section.title)).toEqual(TOPICS);
    expect(merged.glossary.map((entry) => entry.term)).toEqual(TOPICS);
    expect(merged.reviewQuestions).toHaveLength(TOPICS.length);
  });

  it('writes no finished notes: the reduce step does', async () => {
    const { deps } = await merge();

    expect(await deps.objects.head(notesKey(JOB_ID))).toBeUndefined();
  });

  it('moves the job to merging', async () => {
    const { stored } = await merge();

    expect(stored).toMatchObject({ status: 'merging', progress: progressOnEntering('merging'), stageTimes: { merging: NOW.toISOString() } });
  });
});
