import { pathToFileURL } from 'node:url';
import { FUNCTIONS } from '../../infra/function-registry';
import type { JobUsage } from '../../shared/contracts/job';
import { estimateTokens } from '../../shared/domain/chunking';
import { costByGroup, costLedger, DEFAULT_COST_RATES, formatRate, formatUsd } from '../../shared/domain/job-cost';
import { PROVIDER_SPEEDS } from '../../shared/domain/provider-speeds';
import { runName } from '../../shared/domain/run-names';
import { startAssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { silentWav } from '../fixtures/audio';
import { startOpenAiStandIn } from '../fixtures/openai-stand-in';
import { formatSection, type BenchSection } from './bench-section';
import { NOTES_CALL_OUTPUT_TOKENS, notesCallSeconds } from './notes-calls';
import { lectureText } from './stand-in-lectures';

/*
 * What a 60-minute lecture costs at the default models and rates
 * (shared/domain/provider-rates.ts), from one run of the whole pipeline in the
 * local runtime: AssemblyAI and OpenAI played by stand-ins on 127.0.0.1, the
 * real adapters sending what they would send. The AWS lines are what that run
 * metered; the provider lines are priced from it as stated below.
 */

const MINUTES = 60;

interface SentChat {
  messages: { content: string }[];
  response_format?: unknown;
}

/** The prompt tokens of one request by the project's own estimate: every message, and the schema the structured output is held to. */
const promptTokens = (chat: SentChat) =>
  chat.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0) + estimateTokens(JSON.stringify(chat.response_format ?? ''));

export async function cost(): Promise<BenchSection> {
  // The logger reads its level when first imported: set it before the runtime loads.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { startScratchRuntime } = await import('../../infra/local/scratch-runtime');
  const { runLecture } = await import('../e2e/lecture-run');
  const { createApiClient } = await import('../../shared/contracts/api-client');

  const assemblyAi = await startAssemblyAiStandIn({ apiKey: 'bench', text: await lectureText(MINUTES), processingPolls: 1 });
  const openAi = await startOpenAiStandIn();
  // Only what the run needs: no PRICE_* of this shell, the defaults are what is priced.
  const runtime = await startScratchRuntime({
    environment: { ASSEMBLYAI_API_KEY: 'bench', ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl, OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: openAi.baseURL, NOTES_ENGINE: 'openai' },
    waitOverrides: { WaitForTranscript: 20 },
  });
  try {
    const token = runtime.issueToken('bench');
    const run = await runLecture(runtime.apiUrl, token, { path: 'sixty-minutes.wav', contentType: 'audio/wav', body: silentWav() }, { timeoutMs: 300_000 });
    if (run.final.status !== 'completed') throw new Error(`The 60-minute lecture did not complete: ${run.final.error?.message ?? run.final.status}`);
    // Each step adds its usage before its task ends: once the run has ended, the ledger is whole.
    for (const name = runName(run.jobId, 1); runtime.stateMachine.isRunning(name); ) await new Promise((resolve) => setTimeout(resolve, 20));
    const { usage: measured } = await createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token }).getJob(run.jobId);

    const chats = openAi.requests.map((request) => request.body as SentChat);
    const inputTokens = chats.reduce((sum, chat) => sum + promptTokens(chat), 0);
        // The last call is the reduce; every other one a chunk's notes.
    const outputTokens = (chats.length - 1) * NOTES_CALL_OUTPUT_TOKENS.chunk + NOTES_CALL_OUTPUT_TOKENS.reduce;
    // The stand-ins answer at once; in AWS each notes call holds its Lambda while the model writes.
    const notesMemoryMb = FUNCTIONS['generate-chunk-notes'].memoryMb;
    const providerWaitMbMs = ((chats.length - 1) * notesCallSeconds('chunk') + notesCallSeconds('reduce')) * 1000 * notesMemoryMb;
    const usage: JobUsage = {
      ...measured,
      inputTokens,
      outputTokens,
      // None counted: OpenAI caches a repeated prompt prefix of 1,024 tokens or more, which the same system prompt and schema of every call may reach; this errs high.
      cachedInputTokens: 0,
      lambdaMbMilliseconds: (measured.lambdaMbMilliseconds ?? 0) + providerWaitMbMs,
    };
    const ledger = costLedger(usage, DEFAULT_COST_RATES);
    // The stand-in's speech runs a little off the hour: the figure is per hour of audio, as the run's costs grow with its length.
    const perHour = 3600 / measured.audioSeconds;
    const groups = costByGroup(ledger);
    const total = ledger.totalUsd * perHour;
    const minutes = (measured.audioSeconds / 60).toFixed(1);
    return {
      title: `Cost of a ${minutes}-minute lecture at the default models and rates (checked ${ledger.ratesCheckedOn}): one local run, ${run.final.chunks.total} chunks, ${chats.length} notes calls, ${measured.lambdaRequests} Lambda invocations`,
      rows: [
        ...ledger.lines.map(({ label, quantity, unit, rateUsd, per, usd }): [string, string] => [
          label,
          `${formatUsd(usd).padStart(11)}  ${quantity.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${unit} at ${formatRate(rateUsd)}${per === 1 ? '' : ` per ${per.toLocaleString('en-US')}`}`,
        ]),
        ['total', `${formatUsd(ledger.totalUsd).padStart(11)}  for ${minutes} minutes`],
        ['notes input tokens', "the prompts the OpenAI adapter sent, schema included, by the project's estimate (shared/domain/chunking.ts)"],
        ['notes output tokens', `stated (tests/bench/notes-calls.ts): ${NOTES_CALL_OUTPUT_TOKENS.chunk.toLocaleString('en-US')} a chunk, ${NOTES_CALL_OUTPUT_TOKENS.reduce.toLocaleString('en-US')} the reduce (JSON and low-effort reasoning); none of the input counted as cached`],
        ['Lambda compute', `measured locally, plus each notes call waiting for the model (${notesCallSeconds('chunk').toFixed(1)} s a chunk, ${notesCallSeconds('reduce').toFixed(1)} s the reduce, at ${PROVIDER_SPEEDS.notes.outputTokensPerSecond} tokens/s) at ${notesMemoryMb} MB`],
        ['costPer60MinLectureUsd', `${formatUsd(total).padStart(11)}  per hour of audio (transcription ${formatUsd(groups.transcription * perHour)}, notes ${formatUsd(groups.notes * perHour)}, AWS ${formatUsd(groups.aws * perHour)}); goal under $0.25: ${total < 0.25 ? 'met' : 'NOT met'}`],
      ],
      figures: {
        costPer60MinLectureUsd: total,
        costPer60MinTranscriptionUsd: groups.transcription * perHour,
        costPer60MinNotesUsd: groups.notes * perHour,
        costPer60MinAwsUsd: groups.aws * perHour,
        stateTransitionsPer60MinLecture: (measured.stateTransitions ?? 0) * perHour,
      },
    };
  } finally {
    await runtime.stop();
    await Promise.all([assemblyAi.close(), openAi.close()]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatSection(await cost()));
}
