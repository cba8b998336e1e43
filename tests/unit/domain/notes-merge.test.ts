import { describe, expect, it } from 'vitest';
import { LectureNotesSchema, type ChunkNotes, type NotesEngine, type StoredChunkNotes } from '../../../shared/contracts/notes';
import { mergeChunkNotes } from '../../../shared/domain/notes-merge';

const OFFLINE: NotesEngine = { kind: 'offline', model: 'wink-eng-lite-web-model' };
const OPENAI: NotesEngine = { kind: 'openai', model: 'gpt-4o-mini' };

function stored(chunkIndex: number, notes: Partial<ChunkNotes> = {}, extra: Partial<StoredChunkNotes> = {}): StoredChunkNotes {
  return {
    chunkIndex,
    start: chunkIndex * 600,
    end: (chunkIndex + 1) * 600,
    notes: { title: `Part ${chunkIndex + 1}`, summary: '', keyTerms: [], sections: [], ...notes },
    engine: OFFLINE,
    usage: { inputTokens: 0, outputTokens: 0 },
    ...extra,
  };
}

const merge = (chunks: StoredChunkNotes[]) => mergeChunkNotes({ jobId: 'job-1', chunks, durationSeconds: 1800, generatedAt: '2026-01-02T03:04:05.000Z' });

describe('mergeChunkNotes: the chunk sequence', () => {
  it('accepts chunks in any order and merges them in lecture order', () => {
    const chunks = [0, 1, 2].map((index) =>
      stored(index, {
        summary: `Chunk ${index} says something.`,
        sections: [{ heading: `Topic ${index}`, start: index * 600, end: index * 600 + 500, points: [`Point of chunk ${index}.`] }],
      }),
    );
    const notes = merge([chunks[2]!, chunks[0]!, chunks[1]!]);
    expect(notes.sections.map((section) => section.heading)).toEqual(['Topic 0', 'Topic 1', 'Topic 2']);
    expect(notes.summary).toBe('Chunk 0 says something. Chunk 1 says something. Chunk 2 says something.');
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

  it('passes the job facts through and satisfies the schema', () => {
    const notes = merge([stored(0, { title: 'Transactions' })]);
    expect(notes).toMatchObject({ jobId: 'job-1', durationSeconds: 1800, generatedAt: '2026-01-02T03:04:05.000Z' });
    expect(() => LectureNotesSchema.parse(notes)).not.toThrow();
  });
});

describe('mergeChunkNotes: title and summary', () => {
  const term = (name: string) => ({ term: name, definition: '' });

  it('titles the lecture with the chunk title that names its recurring key terms', () => {
    const notes = merge([
      stored(0, { title: 'Course Logistics', keyTerms: [term('exam'), term('transaction')] }),
      stored(1, { title: 'Database Transactions', keyTerms: [term('transactions'), term('ACID')] }),
      stored(2, { title: 'Isolation Levels', keyTerms: [term('Transaction'), term('isolation level')] }),
    ]);
    expect(notes.title).toBe('Database Transactions');
  });

  it('prefers the title announced at the start when it names nearly as many recurring terms as a later one', () => {
    const notes = merge([
      stored(0, { title: 'Transactions and ACID', keyTerms: [term('transaction'), term('ACID'), term('locking')] }),
      stored(1, { title: 'Isolation Levels', keyTerms: [term('transaction'), term('isolation'), term('locking')] }),
      stored(2, { title: 'Isolation and Locking', keyTerms: [term('transactions'), term('isolation'), term('locking')] }),
    ]);
    expect(notes.title).toBe('Transactions and ACID');
  });

  it("falls back to the first chunk's title when no title names a key term", () => {
    const notes = merge([
      stored(0, { title: 'Welcome', keyTerms: [term('transaction')] }),
      stored(1, { title: 'More Details', keyTerms: [term('transaction')] }),
    ]);
    expect(notes.title).toBe('Welcome');
  });

  it('keeps the summary to 6 distinct sentences drawn from across the lecture, in order', () => {
    const chunks = Array.from({ length: 10 }, (_, index) =>
      stored(index, { summary: `Lead sentence of chunk ${index}. Second sentence of chunk ${index}. The same closing line.` }),
    );
    const sentences = merge(chunks).summary.split(/(?<=\.) /);
    expect(sentences).toHaveLength(6);
    expect(new Set(sentences).size).toBe(6);
    expect(sentences[0]).toBe('Lead sentence of chunk 0.');
    expect(sentences.at(-1)).toBe('Lead sentence of chunk 9.');
    const chunkNumbers = sentences.map((sentence) => Number(/chunk (\d)/.exec(sentence)?.[1]));
    expect([...chunkNumbers].sort((a, b) => a - b)).toEqual(chunkNumbers);
  });

  it('does not repeat a sentence two chunk summaries share', () => {
    const notes = merge([
      stored(0, { summary: 'Transactions are atomic. Logs make them durable.' }),
      stored(1, { summary: 'Logs make them durable. Locks isolate them.' }),
    ]);
    expect(notes.summary).toBe('Transactions are atomic. Logs make them durable. Locks isolate them.');
  });
});

describe('mergeChunkNotes: key terms', () => {
  it('deduplicates by case and simple plural, keeping the first spelling and the longest definition', () => {
    const notes = merge([
      stored(0, { keyTerms: [{ term: 'Transaction', definition: '' }, { term: 'index', definition: 'a lookup structure' }] }),
      stored(1, { keyTerms: [{ term: 'transactions', definition: 'a unit of work' }, { term: 'Indexes', definition: '' }] }),
      stored(2, { keyTerms: [{ term: 'TRANSACTION', definition: 'a unit of work that commits or rolls back as a whole' }, { term: 'caches', definition: '' }] }),
      stored(3, { keyTerms: [{ term: 'cache', definition: 'fast storage' }, { term: 'processes', definition: '' }, { term: 'process', definition: '' }] }),
    ]);
    expect(notes.keyTerms).toEqual([
      { term: 'Transaction', definition: 'a unit of work that commits or rolls back as a whole' },
      { term: 'index', definition: 'a lookup structure' },
      { term: 'caches', definition: 'fast storage' },
      { term: 'processes', definition: '' },
    ]);
  });

  it('past the cap, keeps the terms each chunk ranks highest rather than all of the first chunk', () => {
    const ranked = (prefix: string) => Array.from({ length: 15 }, (_, rank) => ({ term: `${prefix} term ${rank}`, definition: '' }));
    const notes = merge([stored(0, { keyTerms: ranked('early') }), stored(1, { keyTerms: ranked('late') })]);
    const terms = notes.keyTerms.map((keyTerm) => keyTerm.term);
    expect(terms).toHaveLength(20);
    expect(terms).toContain('late term 9');
    expect(terms).not.toContain('early term 10');
    expect(terms.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, rank) => `early term ${rank}`));
  });

  it('caps the list at 20, keeping the terms that recur across chunks, in order of first appearance', () => {
    const once = (prefix: string) => Array.from({ length: 12 }, (_, index) => ({ term: `${prefix} term ${index}`, definition: '' }));
    const recurring = { term: 'recurring idea', definition: '' };
    const notes = merge([stored(0, { keyTerms: once('early') }), stored(1, { keyTerms: [...once('late'), recurring] }), stored(2, { keyTerms: [recurring] })]);
    expect(notes.keyTerms).toHaveLength(20);
    expect(notes.keyTerms.map((keyTerm) => keyTerm.term)).toContain('recurring idea');
    expect(notes.keyTerms.at(-1)?.term).toBe('recurring idea');
    expect(notes.keyTerms[0]?.term).toBe('early term 0');
  });
});

describe('mergeChunkNotes: sections', () => {
  it('joins a topic that runs across a chunk boundary and drops the points repeated from the overlap', () => {
    const notes = merge([
      stored(0, {
        sections: [
          { heading: 'Introduction', start: 0, end: 300, points: ['Welcome to the course.'] },
          { heading: 'Isolation Levels', start: 300, end: 598.5, points: ['Read committed is the default.', 'Serializable is the strictest level.'] },
        ],
      }),
      stored(1, {
        sections: [
          { heading: 'isolation levels', start: 599.8, end: 900, points: ['serializable is the strictest level', 'Snapshot isolation reads a snapshot.'] },
          { heading: 'Locking', start: 900, end: 1200, points: ['Two-phase locking acquires before it releases.'] },
        ],
      }),
    ]);
    expect(notes.sections).toEqual([
      { heading: 'Introduction', start: 0, end: 300, points: ['Welcome to the course.'] },
      {
        heading: 'Isolation Levels',
        start: 300,
        end: 900,
        points: ['Read committed is the default.', 'Serializable is the strictest level.', 'Snapshot isolation reads a snapshot.'],
      },
      { heading: 'Locking', start: 900, end: 1200, points: ['Two-phase locking acquires before it releases.'] },
    ]);
  });

  it('keeps sections with the same heading apart when time separates them', () => {
    const notes = merge([
      stored(0, { sections: [{ heading: 'Recap', start: 0, end: 60, points: ['Last week covered indexes.'] }] }),
      stored(1, { sections: [{ heading: 'Recap', start: 1500, end: 1560, points: ['Today covered transactions.'] }] }),
    ]);
    expect(notes.sections.map((section) => [section.heading, section.start])).toEqual([
      ['Recap', 0],
      ['Recap', 1500],
    ]);
  });

  it('drops a section whose points were all said before', () => {
    const notes = merge([
      stored(0, { sections: [{ heading: 'Logs', start: 0, end: 590, points: ['The log is append-only.'] }] }),
      stored(1, { sections: [{ heading: 'Recovery', start: 585, end: 600, points: ['The log is append only!'] }] }),
    ]);
    expect(notes.sections.map((section) => section.heading)).toEqual(['Logs']);
  });

  it('does not change the chunk notes it was given', () => {
    const chunk = stored(0, { sections: [{ heading: 'A', start: 0, end: 10, points: ['One point here.'] }] });
    const next = stored(1, { sections: [{ heading: 'A', start: 10, end: 20, points: ['Another point here.'] }] });
    merge([chunk, next]);
    expect(chunk.notes.sections[0]).toEqual({ heading: 'A', start: 0, end: 10, points: ['One point here.'] });
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

  it('reports the engine most chunks used', () => {
    const notes = merge([stored(0, {}, { engine: OPENAI }), stored(1), stored(2)]);
    expect(notes.engine).toEqual(OFFLINE);
  });

  it("reports the first chunk's engine on a tie", () => {
    expect(merge([stored(0, {}, { engine: OPENAI }), stored(1)]).engine).toEqual(OPENAI);
    expect(merge([stored(0), stored(1, {}, { engine: OPENAI })]).engine).toEqual(OFFLINE);
  });
});
