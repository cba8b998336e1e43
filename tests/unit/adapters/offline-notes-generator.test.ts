import { beforeAll, describe, expect, it } from 'vitest';
import { OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { splitEnumeration } from '../../../lambdas/adapters/offline-notes/enumerations';
import { cleanSpokenText } from '../../../lambdas/adapters/offline-notes/fillers';
import { ChunkNotesSchema, type ChunkNotes } from '../../../shared/contracts/notes';
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
  'Alright, that is it for today, and next time we will look at distributed transactions and the two-phase commit protocol.',
];

/** Sentences timed like speech: about 0.4 s a word and a short pause between sentences. */
function chunkOf(texts: readonly string[], overlapSentences: number, startAt = 600, index = 2): Chunk {
  let clock = startAt;
  const sentences = texts.map((text) => {
    const start = clock;
    clock += text.split(' ').length * 0.4;
    const sentence = { start, end: clock, text };
    clock += 0.5;
    return sentence;
  });
  return { index, count: 6, start: startAt, end: clock, sentences, overlapSentences, approxTokens: Math.round(texts.join(' ').length / 4) };
}

const lectureChunk = chunkOf([...OVERLAP, ...LECTURE], OVERLAP.length);
const allPoints = (notes: ChunkNotes) => notes.sections.flatMap((section) => section.points);
const definitionOf = (notes: ChunkNotes, term: string) => notes.keyTerms.find((keyTerm) => keyTerm.term.toLowerCase() === term)?.definition;

describe('OfflineNotesGenerator on a lecture chunk', () => {
  const generator = new OfflineNotesGenerator();
  let notes: ChunkNotes;
  beforeAll(async () => {
    ({ notes } = await generator.generate(lectureChunk));
  });

  it('names itself as the offline engine and reports no token usage', async () => {
    expect(generator.engine).toEqual({ kind: 'offline', model: 'wink-eng-lite-web-model' });
    const { usage } = await generator.generate(lectureChunk);
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('returns notes that pass the schema', () => {
    expect(() => ChunkNotesSchema.parse(notes)).not.toThrow();
  });

  it('titles the chunk with its main topic in a short Title Case heading', () => {
    expect(notes.title).toMatch(/transaction/i);
    expect(notes.title.split(' ').length).toBeLessThanOrEqual(8);
    expect(notes.title).not.toMatch(/[.!?]$/);
    for (const word of notes.title.split(' ').filter((word) => word.length > 3)) expect(word[0]).toBe(word[0]!.toUpperCase());
  });

  it('finds the definitions the lecturer gives', () => {
    expect(definitionOf(notes, 'transaction')).toBe('a unit of work that the database executes as a single, indivisible step');
    expect(definitionOf(notes, 'isolation')).toMatch(/^the guarantee that concurrent transactions do not see/);
    expect(definitionOf(notes, 'write-ahead log')).toMatch(/^a file where every change is recorded/);
    expect(definitionOf(notes, 'two-phase locking')).toMatch(/^a protocol where a transaction acquires all of its locks/);
    expect(definitionOf(notes, 'durability')).toBe('the promise that committed data survives a crash');
  });

  it('keeps at most 12 key terms, without pronouns, fillers or duplicates', () => {
    const terms = notes.keyTerms.map((keyTerm) => keyTerm.term.toLowerCase());
    expect(terms.length).toBeGreaterThanOrEqual(5);
    expect(terms.length).toBeLessThanOrEqual(12);
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of terms) expect(term).not.toMatch(/^(?:it|this|that|thing|lot|way|um|uh|today)$/);
  });

  it('summarises with 2 or 3 sentences of the chunk, in spoken order', () => {
    const sentences = notes.summary.match(/[^.!?]+[.!?]/g) ?? [];
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    const positions = sentences.map((sentence) => LECTURE.findIndex((spoken) => spoken.includes(sentence.trim())));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('splits the chunk at the spoken topic shifts into sections with 3 to 7 points', () => {
    expect(notes.sections.length).toBeGreaterThanOrEqual(2);
    expect(notes.sections.length).toBeLessThanOrEqual(4);
    const isolationShift = lectureChunk.sentences.find((sentence) => sentence.text.startsWith("Now let's talk about isolation"))!;
    expect(notes.sections.map((section) => section.start)).toContain(isolationShift.start);
    for (const section of notes.sections) {
      expect(section.heading.split(' ').length).toBeLessThanOrEqual(8);
      expect(section.points.length).toBeGreaterThanOrEqual(3);
      expect(section.points.length).toBeLessThanOrEqual(7);
    }
  });

  it('gives sections times within the new part of the chunk, in order', () => {
    const firstNew = lectureChunk.sentences[OVERLAP.length]!;
    notes.sections.forEach((section, index) => {
      expect(section.start).toBeGreaterThanOrEqual(firstNew.start);
      expect(section.end).toBeLessThanOrEqual(lectureChunk.end);
      expect(section.end).toBeGreaterThan(section.start);
      const next = notes.sections[index + 1];
      if (next) expect(next.start).toBeGreaterThanOrEqual(section.end);
    });
  });

  it('turns an enumeration into separate points', () => {
    const points = allPoints(notes);
    expect(points).toContain('First, the transaction acquires shared locks for reads and exclusive locks for writes');
    expect(points).toContain('Second, it performs its reads and writes while holding those locks');
    expect(points).toContain('Third, it releases every lock when it commits');
    expect(points.filter((point) => /\bfirst\b/i.test(point) && /\bsecond\b/i.test(point))).toEqual([]);
  });

  it('counts an abbreviation given with a name ("..., or MVCC") as that term, not as a term of its own', () => {
    const terms = notes.keyTerms.map((keyTerm) => keyTerm.term);
    expect(terms).toContain('multiversion concurrency control');
    expect(terms).not.toContain('MVCC');
  });

  it('never uses the overlap with the previous chunk as a point, summary or key term', () => {
    const everything = [notes.summary, ...allPoints(notes), ...notes.keyTerms.map((keyTerm) => keyTerm.term)].join('\n');
    expect(everything).not.toMatch(/B-tree/i);
  });

  it('writes points without spoken fillers or classroom talk', () => {
    for (const point of allPoints(notes)) {
      expect(point).not.toMatch(/\b(?:um|uh)\b|you know|^(?:so|okay)\b/i);
      expect(point).not.toMatch(/get started|make sense/i);
    }
  });

  it('is deterministic, across calls and instances', async () => {
    const again = await generator.generate(lectureChunk);
    const fresh = await new OfflineNotesGenerator().generate(lectureChunk);
    expect(again.notes).toEqual(notes);
    expect(fresh.notes).toEqual(notes);
  });

  it('handles a 1500-token chunk well under a second once the model is loaded', async () => {
    const renamed = LECTURE.map((sentence) => sentence.replaceAll('transaction', 'operation'));
    const long = chunkOf([...LECTURE, ...renamed, ...LECTURE.slice(0, 25)], 0);
    expect(long.sentences.map((sentence) => sentence.text).join(' ').split(/\s+/).length).toBeGreaterThanOrEqual(1500);
    await generator.generate(long);
    const started = performance.now();
    const { notes: longNotes } = await generator.generate(long);
    expect(performance.now() - started).toBeLessThan(400);
    expect(longNotes.sections.length).toBeGreaterThan(0);
  });
});

describe('OfflineNotesGenerator without spoken topic shifts', () => {
  it('splits where the vocabulary changes', async () => {
    const recovery = LECTURE.slice(2, 13);
    const locking = LECTURE.slice(27, 40);
    const { notes } = await new OfflineNotesGenerator().generate(chunkOf([...recovery, ...locking], 0));
    const lockingStart = chunkOf([...recovery, ...locking], 0).sentences[recovery.length]!.start;
    expect(notes.sections.map((section) => section.start)).toEqual([600, lockingStart]);
  });
});

describe('OfflineNotesGenerator on how lecturers announce a topic', () => {
  const generator = new OfflineNotesGenerator();
  const MEMORY_TALK = [
    'Virtual memory gives every program the illusion of a large, private address space.',
    'The operating system maps each virtual page to a physical frame.',
    'A page table stores the mapping for every virtual page of a program.',
  ];

  it.each([
    ['The title of today\'s lecture is "Virtual Memory: Every Program Gets Its Own Machine."', 'Virtual Memory: Every Program Gets Its Own Machine'],
    ["Today we're doing the second half of that: virtual memory.", 'Virtual Memory'],
    ['In this lecture we will look at page tables, which make virtual memory work.', 'Page Tables'],
  ])('titles the chunk from %j', async (announcement, title) => {
    const { notes } = await generator.generate(chunkOf(['Good morning, everyone.', announcement, ...MEMORY_TALK], 0, 0, 0));
    expect(notes.title).toBe(title);
  });

  it('takes a sentence that is only a noun phrase ("Deadlocks.") for the start of a part about it', async () => {
    const locking = [...LECTURE.slice(26, 30), 'Every lock is released when its transaction commits or aborts.'];
    const deadlocks = ['Deadlocks.', ...LECTURE.slice(30, 34), 'Deadlocks are rare when every transaction takes its locks in the same order.'];
    const chunk = chunkOf([...locking, ...deadlocks], 0);
    const { notes } = await generator.generate(chunk);
    expect(notes.sections.map((section) => [section.heading, section.start])).toEqual([
      [expect.any(String), chunk.sentences[0]!.start],
      ['Deadlocks', chunk.sentences[locking.length]!.start],
    ]);
  });
});

describe('OfflineNotesGenerator with a spoken topic shift followed by a long stretch without one', () => {
  it('splits the long stretch where the vocabulary changes as well as at the spoken shift', async () => {
    const opening = [
      'Last week we finished the chapter on query languages.',
      'The exam will cover everything up to that chapter.',
      'Several of you asked for more practice problems, and I posted some on the course page.',
      'The solutions will follow on Friday, after the deadline for the quiz.',
      'Bring your laptops next time, because we will run queries together.',
    ];
    const recovery = ["Now let's talk about what keeps data safe.", ...LECTURE.slice(2, 13)];
    const locking = LECTURE.slice(27, 40);
    const chunk = chunkOf([...opening, ...recovery, ...locking], 0);
    const { notes } = await new OfflineNotesGenerator().generate(chunk);
    const startOf = (position: number) => chunk.sentences[position]!.start;
    expect(notes.sections.map((section) => section.start)).toEqual([startOf(0), startOf(opening.length), startOf(opening.length + recovery.length)]);
  });
});

describe('OfflineNotesGenerator on definitions phrased in other ways', () => {
  const generator = new OfflineNotesGenerator();
  it.each([
    ['Normalisation is defined as the process of removing redundant data from tables.', 'normalisation', 'the process of removing redundant data from tables'],
    ['A foreign key refers to a column that points at the primary key of another table.', 'foreign key', 'a column that points at the primary key of another table'],
    ['Cardinality means the number of distinct values in a column.', 'cardinality', 'the number of distinct values in a column'],
    ['In a relational database, a view is a stored query that behaves like a table.', 'view', 'a stored query that behaves like a table'],
    ['Splitting a table across many machines is called horizontal partitioning.', 'horizontal partitioning', 'splitting a table across many machines'],
    [
      'Sometimes a query reads an index instead of the table itself, because the index holds every column it needs. We call this a covering index.',
      'covering index',
      'Sometimes a query reads an index instead of the table itself, because the index holds every column it needs',
    ],
  ])('%s', async (text, term, definition) => {
    const texts = [...text.split(/(?<=\.) /), 'The rest of this part of the lecture is about something else entirely.'];
    const { notes } = await generator.generate(chunkOf(texts, 0, 0, 0));
    expect(definitionOf(notes, term)).toBe(definition);
  });

  it.each([
    [
      'When two threads each wait for a lock the other one holds, we call this a deadlock.',
      'deadlock',
      'when two threads each wait for a lock the other one holds',
    ],
    [
      'Most compilers use a technique called constant folding, where expressions with known values are computed at compile time.',
      'constant folding',
      'a technique where expressions with known values are computed at compile time',
    ],
    ['A function that calls itself, which we call a recursive function, needs a base case.', 'recursive function', 'a function that calls itself'],
    ['We call the smallest addressable unit of memory a byte.', 'byte', 'the smallest addressable unit of memory'],
  ])('%s', async (text, term, definition) => {
    const { notes } = await generator.generate(chunkOf([text, 'The rest of this part of the lecture is about something else entirely.'], 0, 0, 0));
    expect(definitionOf(notes, term)).toBe(definition);
  });

  it('does not take "this is a good question" for a definition', async () => {
    const { notes } = await generator.generate(chunkOf(['This is a good question.', 'The answer is a bit subtle, so let me explain it carefully.'], 0));
    expect(notes.keyTerms.filter((keyTerm) => keyTerm.definition !== '')).toEqual([]);
  });

  it.each([
    ['a question', ['The first design question is: should the cache write every update to memory at once?', 'If yes, we call this a write-through cache.'], 'write-through cache'],
    ['a sentence that leans on the one before', ['Two clients send a request at the same moment.', 'One of those requests simply times out.', 'We call this a dropped request.'], 'dropped request'],
    ['a remark about the narrative', ['Then the second thread reads the stale value and crashes.', 'We call this a race condition.'], 'race condition'],
    ['an evaluation with "here"', ['The usual remedy here is called exponential backoff.'], 'exponential backoff'],
    ['a bare "the answer"', ['The answer is called memoization.'], 'memoization'],
    ['a vague noun with nothing after it', ['The profiler is the thing to try first.'], 'profiler'],
  ])('does not take %s for a definition', async (_, texts, term) => {
    const { notes } = await generator.generate(chunkOf([...texts, 'The rest of this part of the lecture is about something else entirely.'], 0, 0, 0));
    expect(definitionOf(notes, term) ?? '').toBe('');
  });

  it('keeps a compound whose last word the tagger reads as a verb: "batch commit", not "batch"', async () => {
    const { notes } = await generator.generate(chunkOf(['The remedy is called batch commit.', 'The rest of this part of the lecture is about something else entirely.'], 0, 0, 0));
    const terms = notes.keyTerms.map((keyTerm) => keyTerm.term);
    expect(terms).toContain('batch commit');
    expect(terms).not.toContain('batch');
  });
});

/** The opening of a lecture: it announces its topic, uses everyday words a lot and has a student speak. */
const CONGESTION_LECTURE = [
  'Good morning, everyone, and welcome back.',
  "Today we're going to talk about congestion control.",
  'Last week we looked at how data moves between two machines, and today we ask what happens when too much data arrives at once.',
  'Every router has a queue, and the queue holds packets that are waiting for the outgoing link.',
  'When the queue is full, the router simply drops the next packet that arrives.',
  'A dropped packet wastes the time and the data that were already spent on it.',
  'Priya asked me after class why the sender does not just send as fast as it can.',
  'Good point, Priya: if every sender did that, the queues would overflow all the time.',
  'Congestion collapse is a state where the network is busy but almost no useful data gets through.',
  'It was first seen on the early internet in the 1980s, when throughput fell by a factor of a thousand.',
  'The sender keeps a number called the congestion window, which limits how much data may be in flight.',
  'An acknowledgement, which is a small packet sent back by the receiver, tells the sender that the data arrived.',
  'The first design question is: may the sender grow the window before any packet is lost?',
  'If yes, we call this an optimistic sender, and it needs a way to back off later.',
  "Now let's move on to slow start.",
  'Slow start is the phase where the window doubles every round trip until a packet is lost.',
  'The name is a bit of a joke, because the growth is exponential.',
  'With a window of ten packets and a round trip of fifty milliseconds, the sender pushes two hundred packets per second through the congestion window.',
  'After one round trip the window holds twenty packets, after two it holds forty, and after three it holds eighty.',
  'Slow start ends when the window reaches a limit called the threshold, or when a packet is lost.',
  'From then on the sender grows the window by one packet per round trip.',
  'This gentler phase is called congestion avoidance.',
  'When a packet is lost, the sender cuts the window in half and starts to grow it again.',
  'Over time, the window traces a sawtooth: it climbs slowly and falls sharply.',
  'The sawtooth is the signature of a sender that probes for spare capacity.',
  'Does that make sense?',
  "Okay, let's recap.",
  'Congestion control keeps senders from overflowing the queues in the network.',
  'Slow start grows the congestion window quickly, and congestion avoidance grows it slowly.',
  'A lost packet halves the window, which gives the sawtooth its shape.',
  'For Thursday, read the chapter on queue management.',
  'See you then.',
];

describe('OfflineNotesGenerator on the opening chunk of a lecture', () => {
  let notes: ChunkNotes;
  beforeAll(async () => {
    ({ notes } = await new OfflineNotesGenerator().generate(chunkOf(CONGESTION_LECTURE, 0, 0, 0)));
  });

  it('titles the chunk with the topic the lecturer announces', () => {
    expect(notes.title).toBe('Congestion Control');
  });

  it('heads the opening "Introduction", an announced part by its topic and the recap "Recap"', () => {
    expect(notes.sections.map((section) => section.heading)).toEqual(['Introduction', 'Slow Start', 'Recap']);
  });

  it('defines terms named as "a number called X, which ..." and "X, which is ..."', () => {
    expect(definitionOf(notes, 'congestion window')).toBe('a number which limits how much data may be in flight');
    expect(definitionOf(notes, 'acknowledgement')).toBe('a small packet sent back by the receiver');
  });

  it('lists terms the lecturer names without a description, with an empty definition', () => {
    expect(definitionOf(notes, 'optimistic sender')).toBe('');
    expect(definitionOf(notes, 'congestion avoidance')).toBe('');
  });

  it('leaves worked examples full of numbers and homework out of the summary and the points', () => {
    const everything = [notes.summary, ...allPoints(notes)].join('\n');
    expect(notes.summary).not.toMatch(/two hundred packets|after two it holds forty/);
    expect(everything).not.toMatch(/For Thursday|See you/);
  });
});

/** A middle part of a lecture: no definitions, everyday nouns said again and again, a student's name. */
const HASHING_PART = [
  'Priya asked a good question about the last example.',
  'She wanted to know what happens when two keys land in the same bucket.',
  'Thanks, Priya, that is exactly where we are going.',
  'Every key goes through the hash function, and the hash function gives us a number.',
  'We take that number modulo the size of the table, and that number picks a bucket.',
  'The bucket holds the value, so a lookup takes the same time no matter how many values we store.',
  'When two keys want the same bucket, people talk about a collision.',
  'With linear probing, the second value simply goes into the next free bucket.',
  'Linear probing keeps the values close together, which makes good use of the cache.',
  'But long runs of full buckets make every lookup take more time.',
  'The load factor tells us how full the table is, as a number between zero and one.',
  'When the load factor passes about three quarters, the table doubles in size and every value moves.',
  'Priya pointed out that the move takes time, and she is right, but it happens rarely.',
  'Averaged over many inserts, the time per insert stays constant.',
  'A good hash function spreads the values evenly, so the load factor tells the whole story.',
  'A bad hash function sends many values to the same bucket, and linear probing slows down badly.',
];

describe('OfflineNotesGenerator on a part with no definitions', () => {
  let notes: ChunkNotes;
  beforeAll(async () => {
    ({ notes } = await new OfflineNotesGenerator().generate(chunkOf(HASHING_PART, 0, 1200, 3)));
  });

  it('lists the compounds the part keeps returning to, not everyday nouns or names', () => {
    const terms = notes.keyTerms.map((keyTerm) => keyTerm.term.toLowerCase());
    expect(terms).toEqual(expect.arrayContaining(['hash function', 'linear probing', 'load factor']));
    for (const everyday of ['value', 'number', 'time', 'table', 'people', 'priya']) expect(terms).not.toContain(everyday);
  });

  it('titles and heads the part with its concepts rather than frequent nouns or a name', () => {
    for (const heading of [notes.title, ...notes.sections.map((section) => section.heading)]) {
      expect(heading).toMatch(/Hash Function|Linear Probing|Load Factor|Bucket/);
      expect(heading).not.toMatch(/Priya|Value|Number|Time/);
    }
  });
});

describe('OfflineNotesGenerator on difficult input', () => {
  const generator = new OfflineNotesGenerator();

  it('does not crash on non-English text and still returns usable notes', async () => {
    const french = [
      "Bonjour à tous, aujourd'hui nous parlons des transactions.",
      'Une transaction est une unité de travail indivisible.',
      'Elle respecte les propriétés ACID : atomicité, cohérence, isolation et durabilité.',
      '事务是一个工作单元。',
      'Привет, это лекция о базах данных.',
      'Le verrouillage à deux phases évite les anomalies.',
    ];
    const { notes } = await generator.generate(chunkOf(french, 0));
    expect(() => ChunkNotesSchema.parse(notes)).not.toThrow();
    expect(notes.title.trim()).not.toBe('');
    for (const section of notes.sections) expect(section.points.length).toBeGreaterThan(0);
  });

  it('falls back to a part title and no sections when a chunk has only fillers or only overlap', async () => {
    for (const chunk of [chunkOf(['Um.', 'Uh, okay.'], 0, 0, 4), chunkOf(OVERLAP, OVERLAP.length, 0, 4), chunkOf([], 0, 0, 4)]) {
      const { notes } = await generator.generate(chunk);
      expect(notes).toEqual({ title: 'Part 5', summary: '', keyTerms: [], sections: [] });
    }
  });

  it('never returns a section without points, even for short small talk', async () => {
    const { notes } = await generator.generate(chunkOf(['Okay so yeah.', 'Right, see you next week.'], 0));
    expect(notes.title.trim()).not.toBe('');
    for (const section of notes.sections) expect(section.points.length).toBeGreaterThan(0);
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
