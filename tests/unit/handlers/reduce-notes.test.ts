import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/reduce-notes';
import { LectureNotesSchema } from '../../../shared/contracts/notes';
import { mergedNotesKey, notesKey, notesMarkdownKey } from '../../../shared/domain/object-keys';
import { NOW, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';
import { mergedWithTinyLastChunk } from '../../fixtures/merged-notes';

const JOB_ID = 'job-21';
const CHUNKS_USAGE = { inputTokens: 4_000, outputTokens: 900 };

async function setUp() {
  const deps = testDependencies();
  const job = jobRecord({ jobId: JOB_ID, status: 'merging', usage: { ...CHUNKS_USAGE, audioSeconds: 0 } });
  await deps.jobs.create(job);
  const merged = mergedWithTinyLastChunk(JOB_ID);
  await deps.objects.putText(mergedNotesKey(JOB_ID), JSON.stringify(merged), 'application/json');
  const event = { job: jobRefOf(job), merged: { mergedKey: mergedNotesKey(JOB_ID) } };
  return { deps, merged, event, reduce: () => makeHandler(deps)(event) };
}

const storedNotes = (deps: ReturnType<typeof testDependencies>) => LectureNotesSchema.parse(JSON.parse(deps.objects.text(notesKey(JOB_ID)) ?? 'null'));

describe('ReduceNotes', () => {
  it('answers where the notes are, as JSON and as Markdown', async () => {
    const { reduce } = await setUp();

    expect(await reduce()).toEqual({ notesKey: notesKey(JOB_ID), markdownKey: notesMarkdownKey(JOB_ID) });
  });

  it("writes the lecture's notes: the reduction's titles over every merged section, the merge's glossary and action items", async () => {
    const { deps, merged, reduce } = await setUp();

    await reduce();

    const notes = storedNotes(deps);
    expect(notes).toMatchObject({ jobId: JOB_ID, title: 'Lecture of thermodynamics.vtt', generatedAt: NOW.toISOString(), caveats: [], source: merged.source });
    expect(notes.sections.map((section) => section.title)).toEqual(merged.sections.map((section, index) => `${index + 1}. ${section.title}`));
    expect(notes.glossary).toEqual(merged.glossary);
    expect(notes.actionItems).toEqual(merged.actionItems);
    expect(notes.reviewQuestions).toEqual(merged.reviewQuestions);
    expect(notes.usage).toEqual({ inputTokens: 4_500, outputTokens: 970 });
  });

  it('writes the same notes as Markdown, typed as Markdown', async () => {
    const { deps, merged, reduce } = await setUp();

    await reduce();

    expect((await deps.objects.head(notesMarkdownKey(JOB_ID)))?.contentType).toMatch(/^text\/markdown/);
    const markdown = deps.objects.text(notesMarkdownKey(JOB_ID)) ?? '';
    expect(markdown).toContain(storedNotes(deps).title);
    for (const section of merged.sections) expect(markdown).toContain(section.title);
  });

  it("adds the reduce's tokens to the job once, reports them, and leaves the job in merging", async () => {
    const { deps, reduce } = await setUp();

    await reduce();

    expect(await deps.jobs.get(JOB_ID)).toMatchObject({ status: 'merging', usage: { inputTokens: 4_500, outputTokens: 970 } });
    expect(deps.metrics.events).toEqual([{ event: 'tokensUsed', detail: { inputTokens: 500, outputTokens: 70 } }]);
  });

  it('run again after its notes were written, asks the model nothing and counts nothing twice', async () => {
    const { deps, reduce } = await setUp();
    await reduce();
    const written = deps.objects.text(notesKey(JOB_ID));

    await reduce();

    expect(deps.reducer.calls).toBe(1);
    expect(deps.objects.text(notesKey(JOB_ID))).toBe(written);
    expect((await deps.jobs.get(JOB_ID))?.usage).toMatchObject({ inputTokens: 4_500, outputTokens: 970 });
    expect(deps.metrics.events.filter((event) => event.event === 'tokensUsed')).toHaveLength(1);
  });

  it('run again after it wrote the notes but stopped before counting them, counts the tokens the notes record, once', async () => {
    const { deps, event } = await setUp();
    const stopping = { ...deps, jobs: Object.assign(Object.create(deps.jobs) as typeof deps.jobs, { recordReduceDone: () => Promise.reject(new Error('Lambda timed out')) }) };
    await expect(makeHandler(stopping)(event)).rejects.toThrow('Lambda timed out');
    expect((await deps.jobs.get(JOB_ID))?.usage).toMatchObject(CHUNKS_USAGE);

    await makeHandler(deps)(event);
    await makeHandler(deps)(event);

    expect(deps.reducer.calls).toBe(1);
    expect((await deps.jobs.get(JOB_ID))?.usage).toMatchObject({ inputTokens: 4_500, outputTokens: 970 });
  });

  it('refuses input without the merged notes key, naming the step', async () => {
    const { deps, event } = await setUp();

    await expect(makeHandler(deps)({ job: event.job })).rejects.toThrow(/ReduceNotes/);
    expect(deps.reducer.calls).toBe(0);
  });
});
