import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/merge-notes';
import { LectureNotesSchema, type StoredChunkNotes } from '../../../shared/contracts/notes';
import { progressOnEntering } from '../../../shared/domain/job-status-rules';
import { chunkKey, chunkNotesKey, notesKey, notesMarkdownKey } from '../../../shared/domain/object-keys';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const JOB_ID = 'job-12';
const TOPICS = ['Atomicity', 'Write-ahead logging', 'Crash recovery'];

const chunkNotes = (index: number): StoredChunkNotes => ({
  chunkIndex: index,
  start: index * 600,
  end: (index + 1) * 600,
  notes: {
    title: `Databases part ${index + 1}`,
    summary: `${TOPICS[index]} is the topic of part ${index + 1}.`,
    keyTerms: [{ term: TOPICS[index]!, definition: `explained in part ${index + 1}` }],
    sections: [{ heading: TOPICS[index]!, start: index * 600, end: (index + 1) * 600, points: [`A point about ${TOPICS[index]}.`] }],
  },
  engine: { kind: 'offline', model: 'wink-eng-lite-web-model' },
  usage: { inputTokens: 100 * (index + 1), outputTokens: 10 },
});

async function merge() {
  const deps = testDependencies();
  const job = jobRecord({ jobId: JOB_ID, status: 'generating_notes', chunksTotal: TOPICS.length, chunksDone: TOPICS.length });
  await deps.jobs.create(job);
  TOPICS.forEach((_, index) => deps.objects.put(chunkNotesKey(JOB_ID, index), JSON.stringify(chunkNotes(index)), 'application/json'));
  const chunks = { keys: TOPICS.map((_, index) => chunkKey(JOB_ID, index)), count: TOPICS.length };
  const ref = await makeHandler(deps)({ job: jobRefOf(job), chunks });
  return { deps, ref, stored: await deps.jobs.get(JOB_ID) };
}

describe('MergeNotes', () => {
  it('answers where the notes are, as JSON and as Markdown', async () => {
    const { ref } = await merge();

    expect(ref).toEqual({ notesKey: notesKey(JOB_ID), markdownKey: notesMarkdownKey(JOB_ID) });
  });

  it("writes the lecture's notes from every chunk's notes", async () => {
    const { deps } = await merge();

    const notes = LectureNotesSchema.parse(JSON.parse(deps.objects.text(notesKey(JOB_ID)) ?? 'null'));
    expect(notes).toMatchObject({ jobId: JOB_ID, durationSeconds: 1_800, generatedAt: NOW.toISOString(), usage: { inputTokens: 600, outputTokens: 30 } });
    expect(notes.sections.map((section) => section.heading)).toEqual(TOPICS);
    expect(notes.keyTerms.map((keyTerm) => keyTerm.term)).toEqual(TOPICS);
  });

  it('writes the same notes as Markdown, typed as Markdown', async () => {
    const { deps } = await merge();

    const markdown = deps.objects.text(notesMarkdownKey(JOB_ID)) ?? '';
    expect((await deps.objects.head(notesMarkdownKey(JOB_ID)))?.contentType).toMatch(/^text\/markdown/);
    for (const topic of TOPICS) expect(markdown).toContain(topic);
  });

  it('moves the job to merging', async () => {
    const { stored } = await merge();

    expect(stored).toMatchObject({ status: 'merging', progress: progressOnEntering('merging'), stageTimes: { merging: NOW.toISOString() } });
  });
});
