import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_SETTINGS } from '../../infra/constructs/notes-pipeline-definition';
import { PIPELINE_STEP_NAMES } from '../../infra/function-registry';
import { exportPipelineAsl } from '../../infra/pipeline-asl';
import { flowStatesAfter } from '../../shared/domain/pipeline-transitions';

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  ResultPath?: string | null;
  Default?: string;
  Choices?: { Variable: string; BooleanEquals?: boolean; StringEquals?: string; Next: string }[];
  ItemProcessor?: { States: Record<string, AslState> };
}

const definition = exportPipelineAsl(DEFAULT_PIPELINE_SETTINGS);
const top = definition.States as Record<string, AslState>;
const all: Record<string, AslState> = {
  ...top,
  ...Object.assign({}, ...Object.values(top).map((state) => state.ItemProcessor?.States ?? {})),
};

const valueAt = (root: unknown, path: string): unknown =>
  path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);

/** Follows the definition from a task's result to its next task, as the service would, naming every state entered on the way. */
function walk(task: string, result: unknown): string[] {
  const state = all[task]!;
  const root = state.ResultPath ? { [state.ResultPath.replace(/^\$\./, '')]: result } : {};
  const entered: string[] = [];
  let next = state.Next;
  while (next) {
    const current = all[next]!;
    if (current.Type === 'Task') break;
    entered.push(next);
    if (current.Type === 'Map' || current.Type === 'Succeed' || current.Type === 'Fail' || current.End) break;
    if (current.Type === 'Choice') {
      const chosen = current.Choices!.find((choice) => {
        const value = valueAt(root, choice.Variable);
        return choice.BooleanEquals !== undefined ? value === choice.BooleanEquals : value === choice.StringEquals;
      });
      next = chosen?.Next ?? current.Default;
    } else {
      next = current.Next;
    }
  }
  return entered;
}

/* The steps whose result does not choose the way on. */
const OTHER_STEPS = PIPELINE_STEP_NAMES.filter((step) => step !== 'StartJob' && step !== 'CheckTranscription');

const jobRef = { jobId: 'j', uploadKey: 'uploads/j/a.mp3', duplicate: false, hasTranscript: false, sourceKind: 'audio' };

describe('the states each task accounts for (shared/domain/pipeline-transitions.ts)', () => {
  it.each([
    ['a duplicate run', { ...jobRef, duplicate: true }],
    ['a retry with its transcript stored', { ...jobRef, hasTranscript: true }],
    ['a caption upload', { ...jobRef, sourceKind: 'captions' }],
    ['an audio upload', jobRef],
  ])('StartJob, for %s, are those the definition leads through', (_, result) => {
    expect(flowStatesAfter('StartJob', result)).toEqual(walk('StartJob', result));
  });

  it.each([[{ ready: true }], [{ ready: false }]])('CheckTranscription answering %o: the same as the definition', (result) => {
    expect(flowStatesAfter('CheckTranscription', result)).toEqual(walk('CheckTranscription', result));
  });

  it.each(OTHER_STEPS)('%s: the same as the definition', (step) => {
    expect(flowStatesAfter(step, {})).toEqual(walk(step, {}));
  });

  it('leave no state of the definition uncounted: each is a task or follows one', () => {
    const results: [string, unknown][] = [
      ...[{ ...jobRef, duplicate: true }, { ...jobRef, hasTranscript: true }, { ...jobRef, sourceKind: 'captions' }, jobRef].map((result): [string, unknown] => ['StartJob', result]),
      ['CheckTranscription', { ready: false }],
      ...OTHER_STEPS.map((step): [string, unknown] => [step, {}]),
    ];
    const counted = new Set([...PIPELINE_STEP_NAMES, ...results.flatMap(([step, result]) => flowStatesAfter(step, result))]);
    expect(Object.keys(all).filter((name) => !counted.has(name))).toEqual([]);
  });
});
