import type { NotesEngine } from '../../shared/contracts/notes';
import type { NotesScore } from './score-notes';

export type EngineKind = NotesEngine['kind'];

/** One lecture through one engine: its score, or why no notes came back. */
export type EvalRun = { lecture: string; engine: EngineKind; seconds: number } & ({ score: NotesScore } | { failure: string });

export type ScoredRun = EvalRun & { score: NotesScore };

export const isScored = (run: EvalRun): run is ScoredRun => 'score' in run;

/** The figures issue 10 asks of the notes, on the evaluation lectures. */
export const GOALS = {
  minKeyTermRecall: 0.85,
  minDefinitionsFound: 0.8,
  minSectionStartsWithin60s: 0.7,
  wordShare: { min: 0.15, max: 0.3 },
} as const;

export type MeanScore = {
  engine: EngineKind;
  lectures: number;
  keyTermRecall: number;
  definitionsFound: number;
  sectionStartsWithin60s: number;
  wordShare: number;
  readingShare: number;
  glossaryDuplicates: number;
  questions: number;
  sections: number;
  seconds: number;
};

export type GoalCheck = { engine: EngineKind; goal: string; actual: string; pass: boolean };

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function engineMeans(runs: readonly EvalRun[]): MeanScore[] {
  const engines = [...new Set(runs.map((run) => run.engine))];
  return engines.map((engine) => {
    const scored = runs.filter((run) => run.engine === engine).filter(isScored);
    const of = (figure: (score: NotesScore) => number) => mean(scored.map((run) => figure(run.score)));
    return {
      engine,
      lectures: scored.length,
      keyTermRecall: of((score) => score.keyTermRecall),
      definitionsFound: of((score) => score.definitionsFound),
      sectionStartsWithin60s: of((score) => score.sectionStartsWithin60s),
      wordShare: of((score) => score.wordShare),
      readingShare: of((score) => score.readingShare),
      glossaryDuplicates: of((score) => score.glossaryDuplicates),
      questions: of((score) => score.questions.count),
      sections: of((score) => score.sections),
      seconds: mean(scored.map((run) => run.seconds)),
    };
  });
}

/**
 * Recall, definitions and section starts are judged on an engine's means over the lectures;
 * compression, duplicates and questions on every lecture, since one bad lecture is a bad result.
 */
export function checkGoals(runs: readonly EvalRun[]): GoalCheck[] {
  return engineMeans(runs).flatMap((means) => {
    const engineRuns = runs.filter((run) => run.engine === means.engine);
    const scored = engineRuns.filter(isScored);
    const failed = engineRuns.length - scored.length;
    const shares = scored.map((run) => run.score.wordShare);
    const duplicates = scored.reduce((sum, run) => sum + run.score.glossaryDuplicates, 0);
    const withoutQuestions = scored.filter((run) => run.score.questions.answeredInLecture === 0).map((run) => run.lecture);
    const gotNotes: GoalCheck = {
      engine: means.engine,
      goal: 'every lecture gets notes',
      actual: failed ? `${failed} of ${engineRuns.length} failed` : `${scored.length} of ${engineRuns.length}`,
      pass: failed === 0,
    };
    // With no notes at all, a figure would only be an empty mean: say so instead.
    const check = (goal: string, actual: string, pass: boolean): GoalCheck =>
      scored.length === 0 ? { engine: means.engine, goal, actual: 'no notes', pass: false } : { engine: means.engine, goal, actual, pass };
    return [
      gotNotes,
      check(`key-term recall ≥ ${GOALS.minKeyTermRecall}`, means.keyTermRecall.toFixed(2), means.keyTermRecall >= GOALS.minKeyTermRecall),
      check(`definitions found ≥ ${GOALS.minDefinitionsFound}`, means.definitionsFound.toFixed(2), means.definitionsFound >= GOALS.minDefinitionsFound),
      check(
        `section starts within 60 s ≥ ${GOALS.minSectionStartsWithin60s}`,
        means.sectionStartsWithin60s.toFixed(2),
        means.sectionStartsWithin60s >= GOALS.minSectionStartsWithin60s,
      ),
      check(
        `word share ${percent(GOALS.wordShare.min)}–${percent(GOALS.wordShare.max)} on every lecture`,
        `${percent(Math.min(...shares))}–${percent(Math.max(...shares))}`,
        shares.every((share) => share >= GOALS.wordShare.min && share <= GOALS.wordShare.max),
      ),
      check('no glossary duplicates', String(duplicates), duplicates === 0),
      check(
        'answered review questions on every lecture',
        withoutQuestions.length ? `none for ${withoutQuestions.join(', ')}` : 'yes',
        withoutQuestions.length === 0,
      ),
    ];
  });
}
