import { isScored, type EvalRun, type GoalCheck, type MeanScore } from './goals';

const COLUMNS = ['lecture', 'engine', 'key terms', 'definitions', 'starts ≤60 s', 'word share', 'reading', 'gloss. dups', 'questions', 'sections', 'seconds'];

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function runRow(run: EvalRun): string[] {
  const head = [run.lecture, run.engine];
  if (!isScored(run)) return [...head, `failed: ${run.failure}`];
  const { score } = run;
  return [
    ...head,
    fixed(score.keyTermRecall),
    fixed(score.definitionsFound),
    fixed(score.sectionStartsWithin60s),
    percent(score.wordShare),
    percent(score.readingShare),
    String(score.glossaryDuplicates),
    // Answered inside the lecture, of all asked.
    `${score.questions.answeredInLecture}/${score.questions.count}`,
    String(score.sections),
    fixed(run.seconds, 1),
  ];
}

function meanRow(means: MeanScore): string[] {
  return [
    `mean of ${means.lectures}`,
    means.engine,
    fixed(means.keyTermRecall),
    fixed(means.definitionsFound),
    fixed(means.sectionStartsWithin60s),
    percent(means.wordShare),
    percent(means.readingShare),
    fixed(means.glossaryDuplicates, 1),
    fixed(means.questions, 1),
    fixed(means.sections, 1),
    fixed(means.seconds, 1),
  ];
}

/** Columns padded to their widest cell; a row's last cell is not padded, so a failure's message runs on. */
function table(rows: string[][]): string {
  const padded = (row: string[]) => row.slice(0, -1);
  const widths = COLUMNS.map((_, column) => Math.max(0, ...rows.map((row) => padded(row)[column]?.length ?? 0)));
  return rows.map((row) => [...padded(row).map((cell, column) => cell.padEnd(widths[column]!)), row.at(-1)!].join('  ').trimEnd()).join('\n');
}

/** The evaluation as a person reads it: one row per lecture and engine, the means, then each goal. */
export function formatReport(runs: readonly EvalRun[], means: readonly MeanScore[], goals: readonly GoalCheck[]): string {
  const scored = means.filter((engine) => engine.lectures > 0);
  const scores = table([COLUMNS, ...runs.map(runRow), ...(scored.length ? [[''], ...scored.map(meanRow)] : [])]);
  const goalLines = goals.map((check) => `${check.pass ? 'pass' : 'FAIL'}  ${check.engine.padEnd(7)}  ${check.goal}: ${check.actual}`);
  const missed = goals.filter((check) => !check.pass).length;
  const verdict = missed ? `${missed} of ${goals.length} goals missed.` : `All ${goals.length} goals met.`;
  const legend = 'questions: answered, with a time inside the lecture / asked';
  return [scores, legend, '', 'Goals (issue 10)', ...goalLines, '', verdict].join('\n');
}
