import { describe, expect, it } from 'vitest';
import { formatReport } from '../../eval/eval-report';
import { checkGoals, engineMeans, type EvalRun } from '../../eval/goals';
import type { NotesScore } from '../../eval/score-notes';

function score(overrides: Partial<NotesScore> = {}): NotesScore {
  return {
    keyTermRecall: 0.9,
    definitionsFound: 0.85,
    sectionStartsWithin60s: 0.8,
    sections: 6,
    wordShare: 0.2,
    readingShare: 0.3,
    wordsByField: { sections: 200 },
    glossaryDuplicates: 0,
    questions: { count: 8, answeredInLecture: 8 },
    actionItemsFound: 1,
    missed: { keyTerms: [], definitions: [], sectionStarts: [] },
    ...overrides,
  };
}

const run = (lecture: string, overrides: Partial<NotesScore> = {}, engine: EvalRun['engine'] = 'offline'): EvalRun => ({
  lecture,
  engine,
  seconds: 2,
  score: score(overrides),
});

const missed = (runs: EvalRun[]) => checkGoals(runs).filter((check) => !check.pass).map((check) => check.goal);

describe('engineMeans', () => {
  it('averages each engine over its scored lectures, leaving failures out', () => {
    const runs: EvalRun[] = [
      run('a', { keyTermRecall: 0.8, wordShare: 0.1 }),
      run('b', { keyTermRecall: 1, wordShare: 0.3 }),
      { lecture: 'c', engine: 'offline', seconds: 1, failure: 'job failed' },
      run('a', { keyTermRecall: 0.5 }, 'openai'),
    ];
    const [offline, openai] = engineMeans(runs);
    expect(offline).toMatchObject({ engine: 'offline', lectures: 2, keyTermRecall: 0.9, wordShare: 0.2 });
    expect(openai).toMatchObject({ engine: 'openai', lectures: 1, keyTermRecall: 0.5 });
  });
});

describe('checkGoals', () => {
  it('passes every goal when the figures meet the issue', () => {
    expect(missed([run('a'), run('b')])).toEqual([]);
  });

  it('judges recall, definitions and section starts on the mean', () => {
    // 0.95 and 0.75 average 0.85: met; one lecture below is not enough to fail.
    expect(missed([run('a', { keyTermRecall: 0.95 }), run('b', { keyTermRecall: 0.75 })])).toEqual([]);
    expect(missed([run('a', { keyTermRecall: 0.9 }), run('b', { keyTermRecall: 0.7 })])).toEqual(['key-term recall ≥ 0.85']);
    expect(missed([run('a', { definitionsFound: 0.7 })])).toEqual(['definitions found ≥ 0.8']);
    expect(missed([run('a', { sectionStartsWithin60s: 0.5 })])).toEqual(['section starts within 60 s ≥ 0.7']);
  });

  it('needs every lecture inside the word-share bounds, with no glossary duplicates and some questions', () => {
    expect(missed([run('a', { wordShare: 0.31 }), run('b', { wordShare: 0.16 })])).toEqual(['word share 15.0 %–30.0 % on every lecture']);
    expect(missed([run('a', { wordShare: 0.14 })])).toEqual(['word share 15.0 %–30.0 % on every lecture']);
    expect(missed([run('a'), run('b', { glossaryDuplicates: 1 })])).toEqual(['no glossary duplicates']);
    const noQuestions = checkGoals([run('a'), run('b', { questions: { count: 0, answeredInLecture: 0 } })]).find((check) => !check.pass);
    expect(noQuestions).toMatchObject({ goal: 'answered review questions on every lecture', actual: 'none for b' });
    // Questions timed outside the lecture, or without an answer, are not review questions.
    expect(missed([run('a', { questions: { count: 5, answeredInLecture: 0 } })])).toEqual(['answered review questions on every lecture']);
  });

  it('fails an engine with a failed lecture, and every goal of an engine with no notes at all', () => {
    const oneFailed: EvalRun[] = [run('a'), { lecture: 'b', engine: 'offline', seconds: 1, failure: 'timed out' }];
    expect(checkGoals(oneFailed).find((check) => !check.pass)).toMatchObject({ goal: 'every lecture gets notes', actual: '1 of 2 failed' });
    const allFailed = checkGoals([{ lecture: 'a', engine: 'openai', seconds: 1, failure: 'bad key' }]);
    expect(allFailed.every((check) => !check.pass)).toBe(true);
    expect(allFailed.slice(1).map((check) => check.actual)).toEqual(Array(6).fill('no notes'));
  });

  it('judges each engine on its own runs', () => {
    const checks = checkGoals([run('a'), run('a', { definitionsFound: 0.2 }, 'openai')]);
    expect(checks.filter((check) => !check.pass).map((check) => check.engine)).toEqual(['openai']);
  });
});

describe('formatReport', () => {
  it('prints a row per run, the means, each goal with pass or FAIL, and the verdict', () => {
    const runs: EvalRun[] = [
      run('price-elasticity', { keyTermRecall: 0.875, wordShare: 0.214, questions: { count: 9, answeredInLecture: 8 } }),
      { lecture: 'newtons-laws', engine: 'offline', seconds: 3.25, failure: 'job 1 failed during generating_notes: boom' },
    ];
    const report = formatReport(runs, engineMeans(runs), checkGoals(runs));
    const lines = report.split('\n');
    expect(lines[0]).toMatch(/^lecture\s+engine\s+key terms\s+definitions/);
    expect(lines.find((line) => line.startsWith('price-elasticity'))).toMatch(/offline\s+0\.88\s+0\.85\s+0\.80\s+21\.4 %\s+30\.0 %\s+0\s+8\/9\s+6\s+2\.0$/);
    expect(lines.find((line) => line.startsWith('newtons-laws'))).toMatch(/offline\s+failed: job 1 failed during generating_notes: boom$/);
    expect(lines.find((line) => line.startsWith('mean of 1'))).toMatch(/offline\s+0\.88/);
    expect(report).toContain('FAIL  offline  every lecture gets notes: 1 of 2 failed');
    expect(report).toContain('pass  offline  key-term recall ≥ 0.85: 0.88');
    expect(lines.at(-1)).toBe('1 of 7 goals missed.');
  });

  it('says so when every goal is met', () => {
    const runs = [run('a')];
    expect(formatReport(runs, engineMeans(runs), checkGoals(runs)).split('\n').at(-1)).toBe('All 7 goals met.');
  });
});
