import { DEFAULT_PIPELINE_SETTINGS } from '../../infra/constructs/notes-pipeline-definition';
import { expectedTranscriptionSeconds } from '../../shared/domain/transcription-schedule';
import { ROUNDS, repeat } from './bench-stats';
import { notesCallSeconds } from './notes-calls';
import { timeLecture, withStandInRuntime, type TimedLecture } from './stand-in-lectures';

/*
 * The runs the critical-path and transcription-wait sections both read: a 5-,
 * a 60- and a 180-minute lecture at once, ROUNDS times, against stand-ins that
 * take set times, all in real seconds: transcription takes what AssemblyAI
 * states for the length (the wait's whole-second steps are the thing
 * measured, and would not scale), so the notes do too: a chunk's notes and the
 * reduce take what gpt-6-luna needs for them at its measured speed (notes-calls.ts).
 */

export const LECTURE_MINUTES = [5, 60, 180] as const;
export const STAND_IN_TIMES = {
  transcriptionMs: (minutes: number) => Math.round(expectedTranscriptionSeconds(minutes * 60) * 1000),
  openAi: { chunk: Math.round(notesCallSeconds('chunk') * 1000), reduce: Math.round(notesCallSeconds('reduce') * 1000) },
};
export const NOTES_CONCURRENCY = DEFAULT_PIPELINE_SETTINGS.notesConcurrency;

let rounds: Promise<TimedLecture[][]> | undefined;

/** Runs the rounds on first call; later calls get the same runs. */
export function timedRounds(): Promise<TimedLecture[][]> {
  rounds ??= withStandInRuntime(STAND_IN_TIMES, { pipeline: { notesConcurrency: NOTES_CONCURRENCY } }, async (context) => {
    // The first lecture through a runtime loads every handler's modules: a cold start (the cold-starts section), not overhead.
    await timeLecture(context, 5);
    return repeat(ROUNDS, async () => {
      const lectures = await Promise.all(LECTURE_MINUTES.map((minutes) => timeLecture(context, minutes)));
      const failed = lectures.filter((lecture) => lecture.final.status !== 'completed');
      if (failed.length) throw new Error(`Bench lectures did not complete: ${failed.map((lecture) => `${lecture.minutes} min ${lecture.final.status} (${lecture.final.error?.message ?? ''})`).join('; ')}`);
      return lectures;
    });
  });
  return rounds;
}

/** The runs of one length, one per round. */
export const runsOf = (all: TimedLecture[][], minutes: number) => all.map((round) => round.find((lecture) => lecture.minutes === minutes)!);
