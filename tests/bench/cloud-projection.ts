import type { HandlerName } from '../../infra/function-registry';
import { PROVIDER_SPEEDS } from '../../shared/domain/provider-speeds';
import { expectedTranscriptionSeconds } from '../../shared/domain/transcription-schedule';
import type { BenchMeasurement } from './bench-section';
import { seconds } from './bench-stats';
import { notesCallSeconds } from './notes-calls';
import { NOTES_CONCURRENCY } from './timed-rounds';

/*
 * What a 60-minute lecture should take in AWS, upload done to notes ready,
 * worked out from this run's measurements (what the pipeline adds to the
 * providers' times on the critical path, each function's import) and the
 * providers' stated or measured speeds (shared/domain/provider-speeds.ts),
 * warm and with every function on the way cold. The assumptions it cannot
 * measure here are named in ASSUMED and printed with it.
 */

/** The functions a lecture's run waits on, one after the other; the chunks' notes run at once, so theirs counts once. */
const CRITICAL_PATH: readonly HandlerName[] = [
  'start-run',
  'start-job',
  'submit-transcription',
  'check-transcription',
  'chunk-transcript',
  'generate-chunk-notes',
  'merge-notes',
  'reduce-notes',
  'complete-job',
];

const ASSUMED = {
  /** S3's Object Created event through EventBridge to start-run: AWS states no latency; taken as a second. */
  eventDeliverySeconds: 1,
  /** Lambda's own part of a cold start, before the bundle is imported (sandbox and Node runtime); taken as 0.25 s. */
  runtimeInitSeconds: 0.25,
};

export const projectCloudTime: BenchMeasurement = async (measured) => {
  const needed = (name: string) => {
    const value = measured[name];
    if (value === undefined) throw new Error(`The cloud projection needs ${name}: run the critical-path and cold-start sections before it.`);
    return value;
  };
  const chunks = needed('chunks60Min');
  const transcription = expectedTranscriptionSeconds(60 * 60);
  const notesRounds = Math.ceil(chunks / NOTES_CONCURRENCY);
  const providers = transcription + notesRounds * notesCallSeconds('chunk') + notesCallSeconds('reduce');
  const pipeline = needed('criticalPathOverheadSeconds60Min');
  const warm = ASSUMED.eventDeliverySeconds + providers + pipeline;
  // The import's CPU time: AWS gives a cold start's init a whole vCPU, and the CPU time is what this loaded machine disturbs least.
  const coldStarts = CRITICAL_PATH.map((handler) => ASSUMED.runtimeInitSeconds + needed(`coldStartImportCpuMs.${handler}`) / 1000);
  const cold = warm + coldStarts.reduce((sum, each) => sum + each, 0);
  const goal = (value: number) => (value <= 60 ? 'goal <= 60 s met' : 'goal <= 60 s NOT met');
  return {
    title: 'Cloud projection: a 60-minute lecture in AWS, upload done to notes ready',
    rows: [
      ['transcription', `${seconds(transcription, 1)} (AssemblyAI's stated speed, checked ${PROVIDER_SPEEDS.checkedOn})`],
      [
        'chunk notes',
        `${notesRounds} x ${seconds(notesCallSeconds('chunk'), 1)} (${chunks} chunks, Map concurrency ${NOTES_CONCURRENCY}; ${PROVIDER_SPEEDS.notes.model} at ${PROVIDER_SPEEDS.notes.outputTokensPerSecond} tokens/s after ${PROVIDER_SPEEDS.notes.timeToFirstTokenSeconds} s, tests/bench/notes-calls.ts)`,
      ],
      ['reduce', seconds(notesCallSeconds('reduce'), 1)],
      ['what the pipeline adds', `${seconds(pipeline)} (measured above: critical path, 60 minutes, wait lag included)`],
      ['event delivery', `${seconds(ASSUMED.eventDeliverySeconds, 1)} (assumed)`],
      ['cold starts on the way', `${seconds(cold - warm)}: ${CRITICAL_PATH.length} functions, each ${ASSUMED.runtimeInitSeconds} s of Lambda's own init (assumed) and its import's CPU time (measured above)`],
      ['projected60MinSeconds (every function cold)', `${seconds(cold, 1)}; ${goal(cold)}`],
      ['projected60MinSecondsWarm', `${seconds(warm, 1)}; ${goal(warm)}`],
      ['design this replaces', '5-11 minutes'],
    ],
    figures: { projected60MinSeconds: cold, projected60MinSecondsWarm: warm, projectedColdStartSeconds: cold - warm },
  };
};
