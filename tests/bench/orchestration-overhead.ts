import { JOB_STATUSES } from '../../shared/contracts/job-status';
import type { BenchMeasurement } from './bench-section';
import { ROUNDS, median, repeat, seconds } from './bench-stats';
import { timeLecture, withStandInRuntime } from './stand-in-lectures';

const ZERO_LATENCY = { transcriptionMs: () => 0, openAi: { chunk: 0, reduce: 0 } };

/**
 * What the pipeline itself takes: a 60-minute lecture with stand-ins that
 * answer at once and the transcription wait skipped, upload to completed;
 * per state transition, and per stage as the job's stage times split it.
 */
export const measureOrchestrationOverhead: BenchMeasurement = async () => {
  const runs = await withStandInRuntime(ZERO_LATENCY, { waitOverrides: { WaitForTranscript: 0 } }, async (context) => {
    // The first lecture pays for loading the handlers' modules (a cold start), not counted.
    await timeLecture(context, 5);
    return repeat(ROUNDS, async () => {
      const lecture = await timeLecture(context, 60);
      if (lecture.final.status !== 'completed') throw new Error(`The overhead lecture ended ${lecture.final.status}: ${lecture.final.error?.message ?? ''}`);
      return lecture;
    });
  });
  const wall = median(runs.map((run) => (run.completedAt - run.uploadedAt) / 1000));
  const transitions = median(runs.map((run) => run.stateTransitions));
  const figures: Record<string, number> = {
    orchestrationOverheadSeconds60Min: wall,
    orchestrationStateTransitions60Min: transitions,
    orchestrationOverheadMsPerTransition: (wall * 1000) / transitions,
  };
  // Each stage from the moment the job entered it to the moment it entered the next.
  const stages = JOB_STATUSES.filter((status) => status !== 'awaiting_upload' && runs.every((run) => run.final.stageTimes[status] !== undefined));
  const rows: Array<[string, string]> = [
    ['60-minute lecture, upload to completed', `${seconds(wall)} (${runs[0]!.final.chunks.total} chunks; median of ${runs.length})`],
    ['state transitions', `${transitions}, ${figures.orchestrationOverheadMsPerTransition!.toFixed(0)} ms each`],
  ];
  for (const [index, stage] of stages.slice(0, -1).entries()) {
    const next = stages[index + 1]!;
    const stageSeconds = median(runs.map((run) => (Date.parse(run.final.stageTimes[next]!) - Date.parse(run.final.stageTimes[stage]!)) / 1000));
    figures[`orchestrationStageSeconds.${stage}`] = stageSeconds;
    rows.push([`  ${stage} -> ${next}`, seconds(stageSeconds)]);
  }
  return { title: 'Orchestration overhead (stand-ins answer at once, no transcription wait)', rows, figures };
};
