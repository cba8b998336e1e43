import { describe, expect, it } from 'vitest';
import type { LectureNotes, NotesSection } from '../../../shared/contracts/notes';
import { AnswerKeySchema, type AnswerKey } from '../../eval/answer-key';
import { distinctNotesWords, normalisedWords, notesWords, scoreNotes } from '../../eval/score-notes';

const LECTURE = { words: 1000, durationSeconds: 900 };

function section(overrides: Partial<NotesSection> = {}): NotesSection {
  return { title: 'Topic', start: 0, end: 60, summary: '', keyPoints: [], definitions: [], examples: [], formulas: [], lists: [], ...overrides };
}

function notes(overrides: Partial<LectureNotes> = {}): LectureNotes {
  return {
    jobId: 'job-1',
    title: 'Elasticity',
    overview: '',
    sections: [],
    glossary: [],
    reviewQuestions: [],
    actionItems: [],
    source: { fileName: 'elasticity.vtt', durationSeconds: 900, language: 'en', engine: { kind: 'offline', model: 'extractive' } },
    caveats: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    generatedAt: '2026-12-01T23:00:00.000Z',
    ...overrides,
  };
}

const key = (overrides: Partial<AnswerKey> = {}): AnswerKey =>
  AnswerKeySchema.parse({
    title: 'Elasticity',
    keyTerms: [{ term: 'price elasticity of demand' }],
    definitions: [{ term: 'price elasticity of demand', mentions: ['percentage change', 'quantity demanded', 'price', 'divided'] }],
    sectionStarts: [50],
    ...overrides,
  });

const glossaryEntry = (term: string, definition = 'a definition', firstExplainedAt = 10) => ({ term, definition, firstExplainedAt });

describe('normalisedWords', () => {
  it('ignores case, punctuation and simple plurals, and keeps possessives one word', () => {
    expect(normalisedWords('Free-body Diagrams')).toEqual(['free', 'body', 'diagram']);
    expect(normalisedWords('p-values; classes, properties')).toEqual(['p', 'value', 'class', 'property']);
    expect(normalisedWords("Newton's first law")).toEqual(normalisedWords('Newtons first law'));
    expect(normalisedWords('analysis status')).toEqual(['analysis', 'status']);
  });
});

describe('keyTermRecall', () => {
  const twoTerms = key({ keyTerms: [{ term: 'midpoint method', alternates: [] }, { term: 'type I error', alternates: ['type one error'] }] });

  it('finds a term named in the glossary or in a section definition, ignoring case and plurals', () => {
    const score = scoreNotes(
      notes({
        glossary: [glossaryEntry('The Midpoint Methods')],
        sections: [section({ definitions: [{ term: 'Type one errors', definition: 'rejecting a true null' }] })],
      }),
      twoTerms,
      LECTURE,
    );
    expect(score.keyTermRecall).toBe(1);
  });

  it('does not count a term that is only mentioned in key points, or only partly named', () => {
    const score = scoreNotes(
      notes({
        glossary: [glossaryEntry('midpoint')],
        sections: [section({ keyPoints: ['A type I error is a false alarm.'] })],
      }),
      twoTerms,
      LECTURE,
    );
    expect(score.keyTermRecall).toBe(0);
  });

  it('needs whole words: "error" inside "terror" is not a match', () => {
    const score = scoreNotes(notes({ glossary: [glossaryEntry('type I terror')] }), twoTerms, LECTURE);
    expect(score.keyTermRecall).toBe(0);
  });

  it('is the share of key terms found, and names those missed', () => {
    const score = scoreNotes(notes({ glossary: [glossaryEntry('midpoint method')] }), twoTerms, LECTURE);
    expect(score.keyTermRecall).toBe(0.5);
    expect(score.missed.keyTerms).toEqual(['type I error']);
  });
});

describe('definitionsFound', () => {
  it('counts a definition holding at least half of the key mentions', () => {
    const score = scoreNotes(
      notes({ glossary: [glossaryEntry('Price elasticity of demand', 'The percentage changes in the quantities demanded, over the price change.')] }),
      key(),
      LECTURE,
    );
    expect(score.definitionsFound).toBe(1);
  });

  it('does not count a definition with fewer than half of the mentions', () => {
    const score = scoreNotes(notes({ glossary: [glossaryEntry('price elasticity of demand', 'How much the price matters.')] }), key(), LECTURE);
    expect(score.definitionsFound).toBe(0);
    expect(score.missed.definitions).toEqual(['price elasticity of demand']);
  });

  it('does not count the right words under another term', () => {
    const score = scoreNotes(
      notes({ glossary: [glossaryEntry('income elasticity', 'The percentage change in the quantity demanded divided by the change in price.')] }),
      key(),
      LECTURE,
    );
    expect(score.definitionsFound).toBe(0);
  });

  it('finds definitions inside sections too', () => {
    const definition = { term: 'price elasticity of demand', definition: 'percentage change in quantity demanded divided by percentage change in price' };
    const score = scoreNotes(notes({ sections: [section({ definitions: [definition] })] }), key(), LECTURE);
    expect(score.definitionsFound).toBe(1);
  });
});

describe('sectionStartsWithin60s', () => {
  const starts = key({ sectionStarts: [50, 300, 600] });

  it('is the share of key topic changes with a section starting within 60 s', () => {
    const score = scoreNotes(notes({ sections: [section({ start: 0 }), section({ start: 355 }), section({ start: 661 })] }), starts, LECTURE);
    expect(score.sectionStartsWithin60s).toBeCloseTo(2 / 3);
    expect(score.missed.sectionStarts).toEqual([600]);
    expect(score.sections).toBe(3);
  });

  it('is zero when no section starts near a topic change', () => {
    const score = scoreNotes(notes({ sections: [section({ start: 150 }), section({ start: 450 })] }), starts, LECTURE);
    expect(score.sectionStartsWithin60s).toBe(0);
  });
});

describe('wordShare', () => {
  it('counts the words of every lecture string, at any depth, over the lecture words', () => {
    const full = notes({
      title: 'one two',
      overview: 'three four five',
      sections: [
        section({
          title: 'six',
          summary: 'seven',
          keyPoints: ['eight'],
          definitions: [{ term: 'nine', definition: 'ten' }],
          examples: ['eleven'],
          formulas: ['E = mc2'],
          lists: [{ title: 'fifteen', items: ['sixteen', 'seventeen'] }],
        }),
      ],
      glossary: [glossaryEntry('eighteen', 'nineteen')],
      reviewQuestions: [{ question: 'twenty?', answer: 'twenty-one', at: 5 }],
      actionItems: [{ task: 'twenty-two', due: 'twenty-three' }].map((item) => ({ ...item, at: 5 })),
      caveats: ['twenty-four'],
    });
    // title 2, overview 3, section 12 (the formula is three words), glossary 2, question 2, action item 2
    expect(notesWords(full)).toBe(23);
    const score = scoreNotes(full, key(), { words: 100, durationSeconds: 900 });
    expect(score.wordShare).toBeCloseTo(0.23);
    expect(score.readingShare).toBeCloseTo(0.23);
    expect(score.wordsByField).toEqual({ title: 2, overview: 3, sections: 12, glossary: 2, reviewQuestions: 2, actionItems: 2 });
  });

  it('counts a text the notes repeat once in the word share, and every copy in the reading share', () => {
    const definition = 'the percentage change in quantity over the percentage change in price';
    const repeated = notes({
      sections: [section({ title: 'Elasticity', summary: 'Elasticity measures responsiveness.', definitions: [{ term: 'elasticity', definition }] })],
      glossary: [glossaryEntry('elasticity', `${definition}.`)],
      reviewQuestions: [{ question: 'What is meant by elasticity?', answer: definition, at: 5 }],
    });
    const score = scoreNotes(repeated, key(), { words: 100, durationSeconds: 900 });
    const once = distinctNotesWords(repeated);
    // The 11-word definition is read three times, the one-word term four (the title too); each is held once.
    expect(notesWords(repeated) - once).toBe(2 * 11 + 3 * 1);
    expect(score.wordShare).toBeCloseTo(once / 100);
    expect(score.readingShare).toBeCloseTo(notesWords(repeated) / 100);
  });

  it('leaves out what is not about the lecture: the job id, the generation time, the source and the caveats', () => {
    const bare = notes();
    const withLongSource = notes({
      jobId: 'a very long job id indeed',
      generatedAt: 'some day in December',
      source: { ...bare.source, fileName: 'a file name of many many words.vtt' },
      caveats: ['The offline engine works well on English only: these notes are weaker.'],
    });
    expect(notesWords(withLongSource)).toBe(notesWords(bare));
  });
});

describe('glossaryDuplicates', () => {
  it('counts entries whose normalised term an earlier entry has', () => {
    const score = scoreNotes(
      notes({ glossary: [glossaryEntry('Total revenue'), glossaryEntry('total revenues'), glossaryEntry('Total-revenue'), glossaryEntry('inferior good')] }),
      key(),
      LECTURE,
    );
    expect(score.glossaryDuplicates).toBe(2);
  });

  it('is zero for distinct terms', () => {
    const score = scoreNotes(notes({ glossary: [glossaryEntry('normal good'), glossaryEntry('inferior good')] }), key(), LECTURE);
    expect(score.glossaryDuplicates).toBe(0);
  });
});

describe('questions', () => {
  it('counts questions, and those with an answer and a time inside the lecture', () => {
    const score = scoreNotes(
      notes({
        reviewQuestions: [
          { question: 'What is elasticity?', answer: 'Responsiveness in percentages.', at: 60 },
          { question: 'Name the four determinants.', answer: '   ', at: 500 },
          { question: 'What is total revenue?', answer: 'Price times quantity.', at: 901 },
        ],
      }),
      key(),
      LECTURE,
    );
    expect(score.questions).toEqual({ count: 3, answeredInLecture: 1 });
  });
});

describe('actionItemsFound', () => {
  const withItems = key({ actionItems: [{ mentions: ['problem set four', 'Friday'] }, { mentions: ['chapter five', 'Thursday'] }] });

  it('is the share of key action items whose mentions the task and due date hold', () => {
    const score = scoreNotes(notes({ actionItems: [{ task: 'Hand in problem set four', due: 'next Friday', at: 30 }] }), withItems, LECTURE);
    expect(score.actionItemsFound).toBe(0.5);
  });

  it('is null when the key lists none', () => {
    expect(scoreNotes(notes(), key(), LECTURE).actionItemsFound).toBeNull();
  });
});
