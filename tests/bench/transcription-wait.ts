import { RECHECK_SHARE, WATCH } from '../../shared/domain/transcription-schedule';
import type { BenchMeasurement } from './bench-section';
import { median, percent, seconds } from './bench-stats';
import { LECTURE_MINUTES, runsOf, timedRounds } from './timed-rounds';

/**
 * The transcription wait's lag: from the moment the provider has the
 * transcript to the moment the pipeline has moved on (the job enters
 * chunking, the transcript stored), as a share of the transcription's time,
 * and the checks it took. The worst length is transcriptionWaitLagRatio (goal: 5 % at most).
 */
export const measureTranscriptionWait: BenchMeasurement = async () => {
  const all = await timedRounds();
  const rows: Array<[string, string]> = [];
  const figures: Record<string, number> = {};
  for (const minutes of LECTURE_MINUTES) {
    const runs = runsOf(all, minutes).map((run) => {
      const transcription = run.transcription!;
      const lagMs = run.chunkingAt! - transcription.readyAt;
      return { lagMs, ratio: lagMs / (transcription.readyAt - transcription.submittedAt), checks: transcription.polls, transitions: run.waitLoopTransitions };
    });
    const lag = median(runs.map((run) => run.lagMs)) / 1000;
    const ratio = median(runs.map((run) => run.ratio));
    const checks = median(runs.map((run) => run.checks));
    const transitions = median(runs.map((run) => run.transitions));
    rows.push([`${minutes}-minute recording`, `lag ${seconds(lag)} = ${percent(ratio)} of the transcription; ${transitions} wait-loop transitions, ${checks} provider polls`]);
    figures[`transcriptionWaitLagSeconds${minutes}Min`] = lag;
    figures[`transcriptionWaitLagRatio${minutes}Min`] = ratio;
    figures[`transcriptionProviderPolls${minutes}Min`] = checks;
    figures[`transcriptionWaitTransitions${minutes}Min`] = transitions;
  }
  figures.transcriptionWaitLagRatio = Math.max(...LECTURE_MINUTES.map((minutes) => figures[`transcriptionWaitLagRatio${minutes}Min`]!));
  rows.push(['transcriptionWaitLagRatio (worst; goal <= 5 %)', percent(figures.transcriptionWaitLagRatio)]);
  rows.push(['schedule', `first check in the second before AssemblyAI should be done (its stated speed), watching across it every ${WATCH.pollMs / 1000} s, then every ${percent(RECHECK_SHARE)} of the time taken, 1 s at least`]);
  return { title: 'Transcription wait (same runs)', rows, figures };
};
