import type { BenchMeasurement } from './bench-section';
import { ROUNDS, median, percentile, repeat } from './bench-stats';
import { timeLecture, withStandInRuntime } from './stand-in-lectures';

const POLLERS = 20;
const POLL_SECONDS = 10;
const QUICK = { transcriptionMs: () => 500, openAi: { chunk: 100, reduce: 100 } };

/**
 * GET /jobs/{jobId} on 127.0.0.1 while POLLERS clients poll without pause for
 * POLL_SECONDS, and lectures keep running through the same runtime: latency
 * percentiles, each the median over the rounds.
 */
export const measureStatusLatency: BenchMeasurement = async () => {
  const rounds = await withStandInRuntime(QUICK, { waitOverrides: { WaitForTranscript: 100 } }, async (context) => {
    const jobIds = (await Promise.all([5, 5, 5].map((minutes) => timeLecture(context, minutes)))).map((lecture) => lecture.final.jobId);
    return repeat(ROUNDS, async () => {
      const latencies: number[] = [];
      const until = performance.now() + POLL_SECONDS * 1000;
      let running = true;
      // Work for the API's handlers to share the machine with: one 5-minute lecture after another.
      const background = (async () => {
        while (running) jobIds.push((await timeLecture(context, 5)).final.jobId);
      })();
      await Promise.all(
        Array.from({ length: POLLERS }, async (_, poller) => {
          for (let poll = 0; performance.now() < until; poll++) {
            const asked = performance.now();
            await context.api.getJob(jobIds[(poller + poll) % jobIds.length]!);
            latencies.push(performance.now() - asked);
          }
        }),
      );
      running = false;
      await background;
      return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), perSecond: latencies.length / POLL_SECONDS };
    });
  });
  const figures = {
    statusLatencyP50Ms: median(rounds.map((round) => round.p50)),
    statusLatencyP95Ms: median(rounds.map((round) => round.p95)),
    statusLatencyP99Ms: median(rounds.map((round) => round.p99)),
    statusRequestsPerSecond: median(rounds.map((round) => round.perSecond)),
  };
  return {
    title: `Status API: GET /jobs/{jobId}, ${POLLERS} pollers without pause for ${POLL_SECONDS} s while lectures run (127.0.0.1, median of ${ROUNDS})`,
    rows: [
      ['p50 / p95 / p99', `${figures.statusLatencyP50Ms.toFixed(1)} / ${figures.statusLatencyP95Ms.toFixed(1)} / ${figures.statusLatencyP99Ms.toFixed(1)} ms`],
      ['answered', `${Math.round(figures.statusRequestsPerSecond)} requests/s`],
    ],
    figures,
  };
};
