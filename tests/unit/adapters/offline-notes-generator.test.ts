import { beforeAll, describe, expect, it } from 'vitest';
import { OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { splitEnumeration } from '../../../lambdas/adapters/offline-notes/enumerations';
import { cleanSpokenText } from '../../../lambdas/adapters/offline-notes/fillers';
import { ChunkNotesSchema, type ChunkNotes } from '../../../shared/contracts/notes';
import { isCommonNoun } from '../../../lambdas/adapters/offline-notes/common-nouns';
import { mergeChunkNotes } from '../../../shared/domain/notes-merge';
import type { Chunk } from '../../../shared/contracts/transcript';

/** The end of the previous chunk. It mentions this chunk's main topic on purpose, so it would be picked if it were not skipped. */
const OVERLAP = [
  'A B-tree index keeps keys sorted so that range scans stay cheap.',
  'Every database transaction that scans a range of keys benefits from a B-tree index.',
];

const LECTURE = [
  "Okay, so let's get started with today's main topic.",
  'Um, today we are going to talk about database transactions.',
  'A transaction is a unit of work that the database executes as a single, indivisible step.',
  'If a transfer moves money between two bank accounts, both updates must happen together or not at all.',
  'Transactions give us four guarantees, and you know, people remember them with the acronym ACID.',
  'ACID stands for atomicity, consistency, isolation and durability.',
  'Atomicity means that either every change in the transaction is applied or none of them is.',
  'The database keeps an undo log so it can roll back a transaction that fails halfway.',
  'Consistency refers to the rule that a transaction moves the database from one valid state to another valid state.',
  'Constraints such as foreign keys and check constraints are how the database enforces consistency.',
  'Durability, which is the promise that committed data survives a crash, depends on the write-ahead log.',
  'The write-ahead log is a file where every change is recorded before the data pages are modified.',
  'When the server restarts after a crash, it replays the write-ahead log to recover committed transactions.',
  'Uh, does that make sense?',
  "Now let's talk about isolation, the property that causes the most confusion.",
  "Isolation is the guarantee that concurrent transactions do not see each other's unfinished work.",
  'Without isolation, concurrent transactions can produce anomalies.',
  'There are three kinds of anomalies: dirty reads, non-repeatable reads, and phantom reads.',
  'A dirty read happens when a transaction reads data that another transaction has not committed yet.',
  'A non-repeatable read happens when the same row returns different values inside one transaction.',
  'A phantom read happens when a query returns new rows because another transaction inserted them.',
  'Isolation levels decide which of these anomalies the database allows.',
  'The SQL standard defines four isolation levels, from read uncommitted up to serializable.',
  'Serializable isolation is the strictest isolation level, and it behaves as if transactions ran one after another.',
  'Most databases default to read committed isolation because it is cheaper than serializable isolation.',
  'So, you know, choosing an isolation level is a trade-off between correctness and performance.',
  'Next, we will look at how the database actually implements isolation with locks.',
  'Two-phase locking is a protocol where a transaction acquires all of its locks before it releases any of them.',
  'The protocol works in three steps: first, the transaction acquires shared locks for reads and exclusive locks for writes, second, it performs its reads and writes while holding those locks, and third, it releases every lock when it commits.',
  'Shared locks allow many readers at once, while an exclusive lock allows only one writer.',
  'Sometimes two transactions each hold a lock that the other one needs, so both of them wait forever.',
  'We call this a deadlock.',
  'The database detects a deadlock by looking for a cycle in the waits-for graph.',
  'It then aborts one of the transactions, which is called the victim, and rolls back its changes.',
  'Many systems avoid most locking with multiversion concurrency control, which keeps several versions of each row.',
  'Multiversion concurrency control, or MVCC, lets readers see a snapshot of the data without blocking writers.',
  'PostgreSQL and Oracle both use MVCC, while older systems relied on two-phase locking alone.',
  'Snapshot isolation is an isolation level in which every transaction reads from a consistent snapshot taken when it starts.',
  'Snapshot isolation prevents dirty reads and non-repeatable reads, but it can still allow an anomaly called write skew.',
  'Write skew happens when two transactions read the same data and then update different rows based on what they read.',
  'Suppose an account holds 100 dollars and two transfers of 70 dollars run at the same time.',
  'Without locks both transfers read 100, and the account ends at 30 instead of refusing the second transfer.',
  'Throughput equals the number of committed transactions divided by the elapsed time.',
  'Ha, my cat once deleted my thesis, which is a joke I tell every year.',
  'For next week, please read chapter seven of the textbook, and problem set three is due on Friday.',
  'Alright, that is it for today, and next time we will look at distributed transactions and the two-phase commit protocol.',
];

/** Sentences timed like speech: about 0.4 s a word and a short pause between sentences. */
function chunkOf(texts: readonly string[], overlapSentences: number, { startAt = 600, index = 2, count = 6, language = 'en' } = {}): Chunk {
  let clock = startAt;
  const sentences = texts.map((text) => {
    const start = clock;
    clock += text.split(' ').length * 0.4;
    const sentence = { start, end: clock, text };
    clock += 0.5;
    return sentence;
  });
  return { index, count, language, start: startAt, end: clock, sentences, overlapSentences, approxTokens: Math.round(texts.join(' ').length / 4) };
}

const lectureChunk = chunkOf([...OVERLAP, ...LECTURE], OVERLAP.length);
const sectionText = (notes: ChunkNotes) =>
  notes.sections.flatMap((section) => [section.summary, ...section.keyPoints, ...section.examples, ...section.formulas, ...section.definitions.map((definition) => definition.definition)]);
const glossaryOf = (notes: ChunkNotes, term: string) => notes.glossary.find((entry) => entry.term.toLowerCase() === term);
const wordsOf = (text: string) => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe('OfflineNotesGenerator on a lecture chunk', () => {
  const generator = new OfflineNotesGenerator();
  let notes: ChunkNotes;
  beforeAll(async () => {
    ({ notes } = await generator.generate(lectureChunk));
  });

  it('names itself as the offline engine and reports no token usage', async () => {
    const result = await generator.generate(lectureChunk);
    expect(generator.engine).toEqual({ kind: 'offline', model: 'wink-eng-lite-web-model' });
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('returns notes that pass the schema', () => {
    expect(() => ChunkNotesSchema.parse(notes)).not.toThrow();
  });

  it('puts each definition the lecturer gives in its section and in the glossary, with the lecturer’s words', () => {
    for (const term of ['transaction', 'atomicity', 'isolation', 'two-phase locking', 'snapshot isolation']) {
      const entry = glossaryOf(notes, term);
      expect(entry, term).toBeDefined();
      const sentence = lectureChunk.sentences.find((candidate) => candidate.start === entry!.firstExplainedAt)!;
      expect(sentence.text.toLowerCase()).toContain(entry!.definition.replace(/…$/u, '').toLowerCase());
      expect(notes.sections.flatMap((section) => section.definitions).map((definition) => definition.term.toLowerCase())).toContain(term);
    }
    expect(glossaryOf(notes, 'transaction')!.definition).toBe('a unit of work that the database executes as a single, indivisible step');
  });

  it('defines a term named by pointing back ("We call this a deadlock.") with the sentence before, quoted', () => {
    const described = 'Sometimes two transactions each hold a lock that the other one needs, so both of them wait forever.';
    const entry = glossaryOf(notes, 'deadlock');
    expect(entry).toBeDefined();
    expect(described.startsWith(entry!.definition.replace(/…$/u, ''))).toBe(true);
    const startOf = (text: string) => lectureChunk.sentences.find((sentence) => sentence.text === text)!.start;
    expect(entry!.firstExplainedAt).toBeGreaterThanOrEqual(startOf(described));
    expect(entry!.firstExplainedAt).toBeLessThanOrEqual(startOf('We call this a deadlock.'));
  });

  it('has no glossary duplicates and no everyday nouns on their own as terms', () => {
    const keys = notes.glossary.map((entry) => entry.term.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => !key.includes(' ') && isCommonNoun(key))).toEqual([]);
  });

  it('turns an enumeration into a list and a "name the ..." question answered with its items', () => {
    const lists = notes.sections.flatMap((section) => section.lists);
    expect(lists).toContainEqual({ title: 'There are three kinds of anomalies', items: ['Dirty reads', 'Non-repeatable reads', 'Phantom reads'] });
    const question = notes.reviewQuestions.find((candidate) => /name the three kinds of anomalies/u.test(candidate.question));
    expect(question?.answer).toBe('Dirty reads; Non-repeatable reads; Phantom reads');
  });

  it('keeps a worked example with numbers, and asks about it', () => {
    const examples = notes.sections.flatMap((section) => section.examples);
    const setUp = 'Suppose an account holds 100 dollars and two transfers of 70 dollars run at the same time.';
    const carriedOn = 'Without locks both transfers read 100, and the account ends at 30 instead of refusing the second transfer.';
    expect(examples).toHaveLength(1);
    expect(examples[0]).toBe(`${setUp} ${carriedOn}`);
    expect(notes.reviewQuestions.some((question) => question.question.startsWith('Work through the example on') && question.answer === examples[0])).toBe(true);
  });

  it('keeps a formula as said', () => {
    expect(notes.sections.flatMap((section) => section.formulas)).toEqual(['Throughput equals the number of committed transactions divided by the elapsed time']);
  });

  it('lists the assignment as an action item with its deadline', () => {
    const said = 'For next week, please read chapter seven of the textbook, and problem set three is due on Friday.';
    expect(notes.actionItems).toHaveLength(1);
    expect(notes.actionItems[0]!.task).toBe(said);
    expect(notes.actionItems[0]!.due).toBe('Friday');
  });

  it('asks what is meant by each defined term, answered with the definition word for word', () => {
    expect(notes.reviewQuestions).toContainEqual({
      question: 'What is meant by “transaction”?',
      answer: 'a unit of work that the database executes as a single, indivisible step',
      at: glossaryOf(notes, 'transaction')!.firstExplainedAt,
    });
  });

  it('splits the chunk at the spoken topic shifts, with headings that name the topic in a few words', () => {
    const startOf = (text: string) => lectureChunk.sentences.find((sentence) => sentence.text === text)!.start;
    const starts = notes.sections.map((section) => section.start);
    expect(starts).toContain(startOf("Now let's talk about isolation, the property that causes the most confusion."));
    expect(starts).toContain(startOf('Next, we will look at how the database actually implements isolation with locks.'));
    for (const section of notes.sections) {
      expect(wordsOf(section.title)).toBeLessThanOrEqual(6);
      expect(isCommonNoun(section.title.toLowerCase())).toBe(false);
    }
  });

  it('gives sections times within the new part of the chunk, in order, each with a summary', () => {
    const newPart = lectureChunk.sentences.slice(lectureChunk.overlapSentences);
    for (const [index, section] of notes.sections.entries()) {
      expect(section.start).toBeGreaterThanOrEqual(newPart[0]!.start);
      expect(section.end).toBeLessThanOrEqual(lectureChunk.end);
      expect(section.end).toBeGreaterThan(section.start);
      if (index > 0) expect(section.start).toBeGreaterThanOrEqual(notes.sections[index - 1]!.end);
      expect(section.summary).not.toBe('');
    }
    for (const item of [...notes.glossary.map((entry) => entry.firstExplainedAt), ...notes.reviewQuestions.map((question) => question.at), ...notes.actionItems.map((action) => action.at)]) {
      expect(item).toBeGreaterThanOrEqual(newPart[0]!.start);
      expect(item).toBeLessThanOrEqual(lectureChunk.end);
    }
  });

  it('never quotes the overlap with the previous chunk', () => {
    const text = sectionText(notes).join(' ');
    for (const sentence of OVERLAP) expect(text).not.toContain(sentence.replace(/\.$/u, ''));
  });

  it('drops fillers, classroom talk and jokes from what it quotes', () => {
    const text = sectionText(notes).join(' ');
    expect(text).not.toMatch(/\b(?:um|uh|you know)\b|does that make sense|my cat|let's get started/iu);
  });

  // This chunk packs a definition into every other sentence, so its notes quote more of it than a lecture's do (the samples' share is tested end to end).
  it('quotes a fraction of the chunk, not the chunk re-cut into bullets', () => {
    const chunkWords = wordsOf(LECTURE.join(' '));
    const quoted = wordsOf([...sectionText(notes), ...notes.sections.flatMap((section) => section.lists.flatMap((list) => [list.title, ...list.items]))].join(' '));
    expect(quoted / chunkWords).toBeLessThan(0.6);
  });

  it('is deterministic, across calls and instances', async () => {
    const again = await new OfflineNotesGenerator().generate(lectureChunk);
    expect(again.notes).toEqual(notes);
  });

  it('handles a 1500-token chunk well under a second once the model is loaded', async () => {
    const texts = Array.from({ length: 4 }, () => LECTURE).flat().slice(0, 110);
    const started = performance.now();
    await generator.generate(chunkOf(texts, 0));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('OfflineNotesGenerator on assignments said aloud', () => {
  it('gives a deadline said after its assignment to that assignment, and ignores exam talk and explanations that assign nothing', async () => {
    const texts = [
      ...LECTURE.slice(2, 8),
      'Think of the bank, or, for many of you, the stress of exam week.',
      "You'll do exactly this kind of schedule on the problem set, about a dozen times.",
      'Think of insulin as a key your cells need before they take up glucose from the blood.',
      'For homework, problem set four is on the course page, and it has three parts.',
      "It's due a week from Friday.",
    ];
    const { notes } = await new OfflineNotesGenerator().generate(chunkOf(texts, 0));
    expect(notes.actionItems.map(({ task, due }) => ({ task, due }))).toEqual([
      { task: 'For homework, problem set four is on the course page, and it has three parts.', due: 'a week from Friday' },
    ]);
  });
});

describe('OfflineNotesGenerator on a term named before it is described', () => {
  it('borrows the next sentence that goes on about the term, even when it names another term too', async () => {
    const described = 'An interleaved execution, which we call a schedule, is serializable if its outcome equals the outcome of some serial order.';
    const { notes } = await new OfflineNotesGenerator().generate(chunkOf([...LECTURE.slice(2, 8), 'The gold standard here is called serializability.', described], 0));
    expect(notes.glossary.find((entry) => entry.term === 'serializability')?.definition).toBe(described.replace(/\.$/u, ''));
  });
});

describe('OfflineNotesGenerator across chunk boundaries', () => {
  const generator = new OfflineNotesGenerator();
  const RECOVERY = LECTURE.slice(2, 13);
  const LOCKING = ["Now let's talk about locking, the classic way to get isolation.", ...LECTURE.slice(27, 34)];

  it('says a chunk continues the previous topic when its opening shares the overlap’s vocabulary', async () => {
    const texts = [...RECOVERY.slice(8, 10), RECOVERY[10]!, 'Because the write-ahead log reaches the disk at commit, a committed transaction survives a crash.'];
    expect((await generator.generate(chunkOf(texts, 2, { index: 1 }))).notes.continuesPreviousTopic).toBe(true);
  });

  it('says a chunk opens a new topic when it announces one', async () => {
    const texts = [...RECOVERY.slice(-2), ...LOCKING];
    expect((await generator.generate(chunkOf(texts, 2, { index: 1 }))).notes.continuesPreviousTopic).toBe(false);
  });

  it('starts a section where the lecturer changes topic, even three sentences before a chunk boundary', async () => {
    const lecture = chunkOf([...RECOVERY, ...LOCKING], 0, { startAt: 0, index: 0, count: 2 });
    const boundary = RECOVERY.length + 3;
    const first: Chunk = { ...lecture, index: 0, count: 2, sentences: lecture.sentences.slice(0, boundary), end: lecture.sentences[boundary - 1]!.end, overlapSentences: 0 };
    const second: Chunk = { ...lecture, index: 1, count: 2, sentences: lecture.sentences.slice(boundary - 2), start: lecture.sentences[boundary - 2]!.start, overlapSentences: 2 };
    const stored = await Promise.all(
      [first, second].map(async (chunk) => ({ chunkIndex: chunk.index, start: chunk.start, end: chunk.end, notes: (await generator.generate(chunk)).notes, engine: generator.engine, usage: { inputTokens: 0, outputTokens: 0 } })),
    );
    expect(stored[1]!.notes.continuesPreviousTopic).toBe(true);
    const merged = mergeChunkNotes({ jobId: 'job-1', chunks: stored, fileName: 'lecture.vtt', durationSeconds: lecture.end, language: 'en' });
    const lockingStart = lecture.sentences[RECOVERY.length]!.start;
    expect(merged.sections.map((section) => section.start)).toEqual([0, lockingStart]);
    expect(merged.sections[1]!.end).toBe(lecture.sentences.at(-1)!.end);
  });
});

describe('OfflineNotesGenerator on a lecture not in English', () => {
  const SPANISH = [
    'Buenos días a todos, hoy hablamos del ciclo del agua en la naturaleza.',
    'La evaporación transforma el agua líquida de los océanos en vapor de agua.',
    'El vapor de agua sube a la atmósfera y se enfría poco a poco.',
    'Al enfriarse, el vapor se condensa y forma pequeñas gotas en las nubes.',
    'La condensación es el paso del vapor de agua al estado líquido.',
    'Cuando las gotas de las nubes crecen, caen como lluvia o nieve.',
    'Esta caída del agua se llama precipitación.',
    'Parte de la precipitación se infiltra en el suelo y alimenta los acuíferos.',
    'Otra parte corre por la superficie y vuelve a los ríos y a los océanos.',
    'Los acuíferos guardan agua subterránea durante muchos años.',
    'Las plantas también devuelven agua a la atmósfera por la transpiración.',
    'La transpiración de los bosques puede producir más vapor que un lago.',
  ];

  it('reads a regional English tag ("en-GB") as English', async () => {
    const { notes } = await new OfflineNotesGenerator().generate(chunkOf(LECTURE.slice(2, 12), 0, { language: 'en-GB' }));
    expect(notes.glossary.map((entry) => entry.term)).toContain('transaction');
  });

  it('writes structure and quotes only: timed sections, no glossary, definitions or questions from English patterns', async () => {
    const chunk = chunkOf(SPANISH, 0, { startAt: 0, index: 0, count: 1, language: 'es' });
    const { notes } = await new OfflineNotesGenerator().generate(chunk);
    expect(() => ChunkNotesSchema.parse(notes)).not.toThrow();
    expect(notes.sections.length).toBeGreaterThan(0);
    expect(notes.sections[0]!.start).toBe(0);
    for (const section of notes.sections) {
      expect(section.title.trim()).not.toBe('');
      for (const quote of [section.summary, ...section.keyPoints]) expect(SPANISH.join(' ')).toContain(quote.replace(/…$/u, ''));
      expect(section.definitions).toEqual([]);
    }
    expect(notes.glossary).toEqual([]);
    expect(notes.reviewQuestions).toEqual([]);
  });
});

describe('OfflineNotesGenerator on difficult input', () => {
  const generator = new OfflineNotesGenerator();

  it('returns empty notes when a chunk has only fillers, classroom talk or overlap', async () => {
    for (const chunk of [chunkOf(['Um.', 'Uh, okay.'], 0), chunkOf(['Okay so yeah.', 'Right, see you next week.', 'Can everyone hear me at the back?'], 0), chunkOf(OVERLAP, OVERLAP.length), chunkOf([], 0)]) {
      const { notes } = await generator.generate(chunk);
      expect(notes).toEqual({ continuesPreviousTopic: false, sections: [], glossary: [], reviewQuestions: [], actionItems: [] });
    }
  });
});

describe('offline notes text helpers', () => {
  it.each([
    ['Um, so, you know, the log is, uh, append-only.', 'The log is append-only.'],
    ['Okay so let us begin.', 'Let us begin.'],
    ['Right triangles have one right angle.', 'Right triangles have one right angle.'],
    ['You know the answer already, right?', 'You know the answer already.'],
    ['So far we have covered indexes.', 'So far we have covered indexes.'],
  ])('cleans %j', (spoken, cleaned) => {
    expect(cleanSpokenText(spoken)).toBe(cleaned);
  });

  it('splits a colon list into a lead and its items', () => {
    expect(splitEnumeration('There are three kinds of anomalies: dirty reads, non-repeatable reads, and phantom reads.')).toEqual([
      'There are three kinds of anomalies:',
      'Dirty reads',
      'Non-repeatable reads',
      'Phantom reads',
    ]);
  });

  it('leaves a colon that introduces a clause alone', () => {
    expect(splitEnumeration('The rule is simple: if you hold a lock, you keep it until commit.')).toBeUndefined();
  });

  it('does not take "the first transaction" for an enumeration', () => {
    expect(splitEnumeration('The first transaction commits, and the second one waits for the lock.')).toBeUndefined();
  });
});
