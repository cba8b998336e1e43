import type { BenchMeasurement } from './bench-section';
import { median, seconds } from './bench-stats';
import type { TimedLecture } from './stand-in-lectures';
import { NOTES_CONCURRENCY, STAND_IN_TIMES, runsOf, timedRounds } from './timed-rounds';

/** What the providers alone take, end to end: transcription, the Map's rounds of chunk notes, the reduce. */
export function providerSeconds(lecture: TimedLecture): number {
  const rounds = Math.ceil(lecture.final.chunks.total / NOTES_CONCURRENCY);
  return (STAND_IN_TIMES.transcriptionMs(lecture.minutes) + rounds * STAND_IN_TIMES.openAi.chunk + STAND_IN_TIMES.openAi.reduce) / 1000;
}

const wallSeconds = (lecture: TimedLecture) => (lecture.completedAt - lecture.uploadedAt) / 1000;

/**
 * Upload to completed, against what the providers alone take: how much the
 * pipeline adds to the critical path. The worst of the 60- and 180-minute
 * lectures is criticalPathRatio (goal: 1.05 at most).
 */
export const measureCriticalPath: BenchMeasurement = async () => {
  const all = await timedRounds();
  const rows: Array<[string, string]> = [];
  const figures: Record<string, number> = {};
  for (const minutes of [60, 180]) {
    const runs = runsOf(all, minutes);
    const ratio = median(runs.map((run) => wallSeconds(run) / providerSeconds(run)));
    const wall = median(runs.map(wallSeconds));
    const ideal = providerSeconds(runs[0]!);
    const chunks = runs[0]!.final.chunks.total;
    rows.push([
      `${minutes}-minute lecture, ${chunks} chunks`,
      `${seconds(wall)} upload to completed / ${seconds(ideal)} = T ${seconds(STAND_IN_TIMES.transcriptionMs(minutes) / 1000, 1)} + ${Math.ceil(chunks / NOTES_CONCURRENCY)} x L + R  ->  ${ratio.toFixed(3)}`,
    ]);
    figures[`criticalPathRatio${minutes}Min`] = ratio;
    figures[`criticalPathOverheadSeconds${minutes}Min`] = wall - ideal;
    figures[`chunks${minutes}Min`] = chunks;
  }
  figures.criticalPathRatio = Math.max(figures.criticalPathRatio60Min!, figures.criticalPathRatio180Min!);
  rows.push(['criticalPathRatio (worst; goal <= 1.05)', figures.criticalPathRatio.toFixed(3)]);
  rows.push([
    'stand-in times',
    `T = AssemblyAI's stated speed; L = ${STAND_IN_TIMES.openAi.chunk / 1000} s a chunk, R = ${STAND_IN_TIMES.openAi.reduce / 1000} s (gpt-6-luna's measured speed); real seconds; Map concurrency C = ${NOTES_CONCURRENCY}; median of ${all.length}`,
  ]);
  return { title: 'Critical path (local runtime, provider stand-ins with set latencies)', rows, figures };
};
