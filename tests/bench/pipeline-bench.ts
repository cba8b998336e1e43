import { readFile } from 'node:fs/promises';

/*
 * `npm run bench`: how fast lectures go through the whole local pipeline
 * (offline notes), as ratios measured within this one run, so that a noisy
 * machine shifts both sides alike. Prints; asserts nothing.
 */

const SAMPLE = 'samples/how-databases-keep-promises.vtt';

const timestamp = (seconds: number) => {
  const whole = Math.floor(seconds);
  const hh = String(Math.floor(whole / 3600)).padStart(2, '0');
  const mm = String(Math.floor((whole % 3600) / 60)).padStart(2, '0');
  const ss = String(whole % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}.${String(Math.round((seconds - whole) * 1000)).padStart(3, '0')}`;
};

/** A 60-minute lecture: the sample's cues repeated back to back with shifted times. */
function lengthen(vtt: string, minutes: number): string {
  const cues = [...vtt.matchAll(/(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})[^\n]*\n([\s\S]*?)(?:\n\n|$)/g)].map((m) => ({
    start: +m[1]! * 3600 + +m[2]! * 60 + +m[3]! + +m[4]! / 1000,
    end: +m[5]! * 3600 + +m[6]! * 60 + +m[7]! + +m[8]! / 1000,
    text: m[9]!,
  }));
  const length = cues.at(-1)!.end + 2;
  const out = ['WEBVTT', ''];
  for (let offset = 0; offset < minutes * 60; offset += length) {
    for (const cue of cues) {
      if (offset + cue.end > minutes * 60) break;
      out.push(`${timestamp(offset + cue.start)} --> ${timestamp(offset + cue.end)}`, cue.text, '');
    }
  }
  return out.join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

// The logger reads its level when first imported: set it before the runtime loads.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const { startScratchRuntime } = await import('../../infra/local/scratch-runtime');
const { runLecture } = await import('../e2e/lecture-run');
const runtime = await startScratchRuntime({ environment: { ...process.env, NOTES_ENGINE: 'offline' } });
try {
  const sample = await readFile(SAMPLE, 'utf8');
  const hour = new TextEncoder().encode(lengthen(sample, 60));
  const token = runtime.issueToken('bench');
  const lecture = (name: string, body?: Uint8Array<ArrayBuffer>) => runLecture(runtime.apiUrl, token, { path: name, contentType: 'text/vtt', body });

  // The first run pays for loading the language model; it is reported, not counted.
  let started = performance.now();
  await lecture(SAMPLE);
  const coldMs = performance.now() - started;

  started = performance.now();
  const single = await lecture(SAMPLE);
  const singleMs = performance.now() - started;

  started = performance.now();
  const long = await lecture('sixty-minutes.vtt', hour);
  const hourMs = performance.now() - started;

  const parallel = 8;
  started = performance.now();
  const runs = await Promise.all(Array.from({ length: parallel }, () => lecture(SAMPLE)));
  const parallelMs = performance.now() - started;

  const failed = [single, long, ...runs].filter((run) => run.final.status !== 'completed');
  const lectureSeconds = 25.8 * 60;
  console.log(
    [
      `pipeline on this machine (offline notes, local stand-ins)`,
      `  first run (loads the model)        ${seconds(coldMs)} s`,
      `  25-minute lecture                  ${seconds(singleMs)} s  = ${(lectureSeconds / (singleMs / 1000)).toFixed(0)}x faster than listening`,
      `  60-minute lecture                  ${seconds(hourMs)} s  = ${((60 * 60) / (hourMs / 1000)).toFixed(0)}x faster than listening; ${long.final.chunks.total} chunks`,
      `  60-minute / 25-minute time         ${(hourMs / singleMs).toFixed(2)} (length ratio ${(60 / 25.8).toFixed(2)})`,
      `  ${parallel} lectures at once               ${seconds(parallelMs)} s  = ${((parallel * singleMs) / parallelMs).toFixed(2)}x the throughput of one after another`,
      failed.length ? `  ${failed.length} runs did not complete!` : `  all ${2 + parallel} runs completed`,
    ].join('\n'),
  );
} finally {
  await runtime.stop();
}
