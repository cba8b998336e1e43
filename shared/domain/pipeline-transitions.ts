import * as z from 'zod';

/*
 * The states a task's result leads the notes pipeline through before its next
 * task starts (or the run ends), as infra/constructs/notes-pipeline-definition.ts
 * builds them: Choices, Waits, the Map, Succeed and Fail run no code, so no
 * invocation counts them; the task before them does. Step Functions bills
 * every state entered (a Standard workflow's state transition), so the ledger
 * counts a task's own state, once per invocation (a retry is billed again),
 * plus these. tests/infra/pipeline-transitions.test.ts walks the exported ASL
 * to hold this table to the definition.
 */

const JobRefResult = z.object({ duplicate: z.boolean(), hasTranscript: z.boolean(), sourceKind: z.string() });
const TranscriptResult = z.object({ ready: z.boolean() });

const FLOW_AFTER: Record<string, (result: unknown) => string[]> = {
  StartJob: (result) => {
    const job = JobRefResult.parse(result);
    if (job.duplicate) return ['DuplicateEvent', 'IgnoreDuplicateEvent'];
    return job.hasTranscript ? ['DuplicateEvent', 'TranscriptStored'] : ['DuplicateEvent', 'TranscriptStored', 'CaptionsOrAudio'];
  },
  SubmitTranscription: () => ['WaitForTranscript'],
  CheckTranscription: (result) => (TranscriptResult.parse(result).ready ? ['TranscriptReady'] : ['TranscriptReady', 'WaitForTranscript']),
  ChunkTranscript: () => ['GenerateNotes'],
  RecordFailure: () => ['JobFailed'],
};

/** The states entered after `state`'s task returned `result`, up to the next task: none after most tasks. */
export const flowStatesAfter = (state: string, result: unknown): string[] => FLOW_AFTER[state]?.(result) ?? [];

/** State transitions one invocation of a task accounts for: its own state, and on success the states its result leads through. */
export const transitionsOf = (state: string, outcome: { succeeded: true; result: unknown } | { succeeded: false }): number =>
  1 + (outcome.succeeded ? flowStatesAfter(state, outcome.result).length : 0);
