import { describe, expect, it } from 'vitest';
import { MergedNotesSchema, type ChunkNotes, type NotesEngine, type NotesSection, type StoredChunkNotes } from '../../../shared/contracts/notes';
import { mergeChunkNotes } from '../../../shared/domain/notes-merge';

const OFFLINE: NotesEngine = { kind: 'offline', model: 'wink-eng-lite-web-model' };
const OPENAI: NotesEngine = { kind: 'openai', model: 'gpt-6-luna' };

function section(title: string, start: number, end: number, extra: Partial<NotesSection> = {}): NotesSection {
  return { title, start, end, summary: `${title} is introduced.`, keyPoints: [`A point about ${title}.`], definitions: [], examples: [], formulas: [], lists: [], ...extra };
}

function stored(chunkIndex: number, notes: Partial<ChunkNotes> = {}, extra: Partial<StoredChunkNotes> = {}): StoredChunkNotes {
  return {
    chunkIndex,
    start: chunkIndex * 600,
    end: (chunkIndex + 1) * 600,
    notes: { continuesPreviousTopic: false, sections: [], glossary: [], reviewQuestions: [], actionItems: [], ...notes },
    engine: OFFLINE,
    usage: { inputTokens: 0, outputTokens: 0 },
    ...extra,
  };
}

const merge = (chunks: StoredChunkNotes[]) =>
  mergeChunkNotes({ jobId: 'job-1', chunks, fileName: 'lecture.vtt', durationSeconds: 1800, language: 'en' });

describe('mergeChunkNotes: the chunk sequence', () => {
  it('accepts chunks in any order and merges them in lecture order', () => {
    const chunks = [0, 1, 2].map((index) => stored(index, { sections: [section(`Topic ${index}`, index * 600, index * 600 + 500)] }));
    const notes = merge([chunks[2]!, chunks[0]!, chunks[1]!]);
    expect(notes.sections.map((part) => part.title)).toEqual(['Topic 0', 'Topic 1', 'Topic 2']);
  });

  it('names the missing chunks', () => {
    expect(() => merge([stored(0), stored(2), stored(4)])).toThrow(/job-1.*missing chunk\(s\) 1, 3/);
  });

  it('names duplicated chunks', () => {
    expect(() => merge([stored(0), stored(1), stored(1)])).toThrow(/chunk\(s\) 1 given more than once/);
  });

  it('refuses to merge nothing', () => {
    expect(() => merge([])).toThrow(/No chunk notes to merge for job job-1/);
  });

  it('builds the source from the job and the chunks, and satisfies the schema', () => {
    const notes = merge([stored(0, { sections: [section('Transactions', 0, 100)] })]);
    expect(notes.source).toEqual({ fileName: 'lecture.vtt', durationSeconds: 1800, language: 'en', engine: OFFLINE });
    expect(notes.jobId).toBe('job-1');
    expect(() => MergedNotesSchema.parse(notes)).not.toThrow();
  });
});

describe('mergeChunkNotes: sections across chunk boundaries', () => {
  it('joins the first section of a chunk that continues the previous topic into the last section before it', () => {
    const notes = merge([
      stored(0, { sections: [section('Atomicity', 0, 300), section('Write-Ahead Log', 300, 598, { formulas: ['LSN = offset'] })] }),
      stored(1, {
        continuesPreviousTopic: true,
        sections: [section('Recovery', 600, 800, { examples: ['Suppose the server crashes at 10 seconds.'] }), section('Isolation', 800, 1200)],
      }),
    ]);
    expect(notes.sections.map((part) => [part.title, part.start, part.end])).toEqual([
      ['Atomicity', 0, 300],
      ['Write-Ahead Log', 300, 800],
      ['Isolation', 800, 1200],
    ]);
    const joined = notes.sections[1]!;
    expect(joined.summary).toBe('Write-Ahead Log is introduced.');
    expect(joined.keyPoints).toEqual(['A point about Write-Ahead Log.', 'Recovery is introduced.', 'A point about Recovery.']);
    expect(joined.formulas).toEqual(['LSN = offset']);
    expect(joined.examples).toEqual(['Suppose the server crashes at 10 seconds.']);
  });

  it('starts a new section where a chunk opens a new topic, even under a title the previous chunk used earlier', () => {
    const notes = merge([
      stored(0, { sections: [section('Locks', 0, 300), section('Deadlocks', 300, 598)] }),
      stored(1, { continuesPreviousTopic: false, sections: [section('Locks', 600, 900)] }),
    ]);
    expect(notes.sections.map((part) => part.title)).toEqual(['Locks', 'Deadlocks', 'Locks']);
  });

  it('joins adjacent sections with the same title that touch in time', () => {
    const notes = merge([
      stored(0, { sections: [section('Two-Phase Locking', 0, 598)] }),
      stored(1, { sections: [section('two-phase locking', 599, 900, { keyPoints: ['A point about Two-Phase Locking.', 'Locks are released at commit.'] })] }),
    ]);
    expect(notes.sections).toHaveLength(1);
    expect(notes.sections[0]!.end).toBe(900);
    expect(notes.sections[0]!.keyPoints).toEqual(['A point about Two-Phase Locking.', 'two-phase locking is introduced.', 'Locks are released at commit.']);
  });

  it('leaves the chunk notes it was given unchanged', () => {
    const first = stored(0, { sections: [section('A', 0, 10)] });
    const second = stored(1, { continuesPreviousTopic: true, sections: [section('B', 10, 20)] });
    const before = structuredClone([first, second]);
    merge([first, second]);
    expect([first, second]).toEqual(before);
  });
});

describe('mergeChunkNotes: glossary, questions and action items', () => {
  it('keeps one glossary entry per term, with the best definition and the earliest explanation', () => {
    const notes = merge([
      stored(0, {
        glossary: [
          { term: 'Deadlock', definition: 'a cycle', firstExplainedAt: 120 },
          { term: 'isolation level', definition: 'how much of each other concurrent transactions may see', firstExplainedAt: 200 },
        ],
      }),
      stored(1, {
        glossary: [
          { term: 'deadlocks', definition: 'two transactions each waiting for a lock the other one holds', firstExplainedAt: 700 },
          { term: 'Isolation levels.', definition: 'levels', firstExplainedAt: 650 },
        ],
      }),
    ]);
    expect(notes.glossary).toEqual([
      { term: 'Deadlock', definition: 'two transactions each waiting for a lock the other one holds', firstExplainedAt: 120 },
      { term: 'isolation level', definition: 'how much of each other concurrent transactions may see', firstExplainedAt: 200 },
    ]);
  });

  it('keeps every review-question candidate and action item once, in lecture order', () => {
    const question = { question: 'What is a deadlock?', answer: 'Two transactions waiting for each other.', at: 590 };
    const reading = { task: 'Read chapter five.', due: 'Friday', at: 30 };
    const notes = merge([
      stored(0, { reviewQuestions: [question], actionItems: [reading] }),
      stored(1, {
        reviewQuestions: [{ ...question, question: 'What is a  deadlock ?' }, { question: 'Name the three anomalies.', answer: 'Dirty reads; phantoms; skew.', at: 700 }],
        actionItems: [{ ...reading, task: 'Read chapter five' }, { task: 'Problem set two is due Monday.', due: 'Monday', at: 1100 }],
      }),
    ]);
    expect(notes.reviewQuestions.map((candidate) => candidate.question)).toEqual(['What is a deadlock?', 'Name the three anomalies.']);
    expect(notes.actionItems.map((item) => item.task)).toEqual(['Read chapter five.', 'Problem set two is due Monday.']);
  });
});

describe('mergeChunkNotes: reminders of an assignment', () => {
  const given = { task: 'Problem set four is posted on the course site.', due: 'next Friday', at: 18 };

  it('keeps an assignment once, where it was given, with the fullest deadline a reminder said', () => {
    const reminder = { task: 'Reminder again: problem set four, due next Friday at five PM.', due: 'next Friday at five PM', at: 788 };
    const notes = merge([stored(0, { actionItems: [given] }), stored(1, { actionItems: [reminder] })]);
    expect(notes.actionItems).toEqual([{ ...given, due: 'next Friday at five PM' }]);
  });

  it('keeps different assignments, even on the same day', () => {
    const reading = { task: 'Please read chapter five of the course reader.', due: 'Thursday', at: 20 };
    const lab = { task: 'The lab report on the pendulum is due Friday.', due: 'Friday', at: 30 };
    const notes = merge([stored(0, { actionItems: [given, reading, lab] })]);
    expect(notes.actionItems).toEqual([given, reading, lab]);
  });
});

describe('mergeChunkNotes: engine and usage', () => {
  it('sums the token usage', () => {
    const notes = merge([
      stored(0, {}, { engine: OPENAI, usage: { inputTokens: 1000, outputTokens: 200 } }),
      stored(1, {}, { engine: OPENAI, usage: { inputTokens: 1500, outputTokens: 250 } }),
    ]);
    expect(notes.usage).toEqual({ inputTokens: 2500, outputTokens: 450 });
  });

  it('reports the engine most chunks used, the first chunk’s on a tie', () => {
    expect(merge([stored(0, {}, { engine: OPENAI }), stored(1), stored(2)]).source.engine).toEqual(OFFLINE);
    expect(merge([stored(0, {}, { engine: OPENAI }), stored(1)]).source.engine).toEqual(OPENAI);
  });
});
