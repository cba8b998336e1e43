import { readFile } from 'node:fs/promises';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import type { JobStatusDocument } from '../../shared/contracts/api';
import { runName } from '../../shared/domain/run-names';
import type { LocalRuntime, LocalRuntimeOptions } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { startAssemblyAiStandIn, type AssemblyAiBehaviour, type AssemblyAiStandIn, type SubmittedTranscript } from '../fixtures/assemblyai-stand-in';
import { silentWav } from '../fixtures/audio';
import { startOpenAiStandIn, type OpenAiBehaviour, type OpenAiStandIn } from '../fixtures/openai-stand-in';
import { sendUploadForm, watchJob } from '../e2e/lecture-run';

/*
 * Lectures of a given length through the local runtime with the providers
 * played by stand-ins on 127.0.0.1 that take set times: the recording is a WAV
 * whose header says it lasts that long (100 bytes a second, so an hour is
 * 360 KB), and the speech-to-text stand-in "hears" the sample lecture's
 * sentences repeated to fill it.
 */

const SAMPLE = 'samples/how-databases-keep-promises.vtt';
/** The stand-in speaks about 140 words a minute (tests/fixtures/assemblyai-stand-in.ts). */
const WORDS_PER_MINUTE = 140;

const sampleSentences = async () =>
  (await readFile(SAMPLE, 'utf8'))
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.includes('-->') && line !== 'WEBVTT' && !/^\d+$/.test(line.trim()));

/** About `minutes` of speech: the sample's lines again and again, a paragraph break every ten. */
export async function lectureText(minutes: number): Promise<string> {
  const lines = await sampleSentences();
  const out: string[] = [];
  let words = 0;
  for (let index = 0; words < minutes * WORDS_PER_MINUTE; index++) {
    const line = lines[index % lines.length]!;
    out.push(index % 10 === 9 ? `${line}\n` : line);
    words += line.split(/\s+/).length;
  }
  return out.join('\n');
}

const LECTURE_NAME = /lecture-(\d+)-minutes/;

export interface StandInRuntime {
  runtime: LocalRuntime;
  assemblyAi: AssemblyAiStandIn;
  openAi: OpenAiStandIn;
  api: ApiClient;
}

export interface StandInTimes {
  /** The speech-to-text stand-in's turnaround for a recording this long, in ms. */
  transcriptionMs: (minutes: number) => number;
  openAi: OpenAiBehaviour['latencyMs'];
}

/** Starts the stand-ins and a scratch runtime wired to them, runs `use`, and stops everything, whatever `use` does. */
export async function withStandInRuntime<T>(
  times: StandInTimes,
  options: Pick<LocalRuntimeOptions, 'pipeline' | 'waitOverrides'>,
  use: (context: StandInRuntime) => Promise<T>,
): Promise<T> {
  const texts = new Map<number, string>();
  const forRecording: AssemblyAiBehaviour['forRecording'] = (audioUrl) => {
    const minutes = Number(LECTURE_NAME.exec(decodeURIComponent(audioUrl))?.[1] ?? 1);
    return { text: texts.get(minutes), processingMs: times.transcriptionMs(minutes) };
  };
  for (const minutes of [5, 60, 180]) texts.set(minutes, await lectureText(minutes));
  const assemblyAi = await startAssemblyAiStandIn({ apiKey: 'bench-key', processingPolls: 0, forRecording });
  const openAi = await startOpenAiStandIn({ latencyMs: times.openAi });
  let runtime: LocalRuntime | undefined;
  try {
    runtime = await startScratchRuntime({
      ...options,
      environment: {
        ASSEMBLYAI_API_KEY: 'bench-key',
        ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl,
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: openAi.baseURL,
        NOTES_ENGINE: 'openai',
      },
    });
    const token = runtime.issueToken('bench');
    return await use({ runtime, assemblyAi, openAi, api: createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token }) });
  } finally {
    await runtime?.stop({ drainMs: 0 });
    await assemblyAi.close();
    await openAi.close();
  }
}

/** One lecture's run, with its moments in epoch ms (one clock: the stand-ins and the runtime share this process). */
export interface TimedLecture {
  minutes: number;
  final: JobStatusDocument;
  uploadedAt: number;
  completedAt: number;
  /** The speech-to-text stand-in's view: submitted, finished, how often asked. */
  transcription: SubmittedTranscript | undefined;
  /** When the job entered chunking: the pipeline has moved on from the transcript. */
  chunkingAt: number | undefined;
  /** States entered by the run, as Step Functions bills them, and how many of them were the transcription wait loop's. */
  stateTransitions: number;
  waitLoopTransitions: number;
}

const WAIT_LOOP_STATES = ['WaitForTranscript', 'CheckTranscription', 'TranscriptReady'];

/** Creates a job for a `minutes`-long recording, uploads it as a browser does, and follows it to its end. */
export async function timeLecture({ runtime, assemblyAi, api }: StandInRuntime, minutes: number): Promise<TimedLecture> {
  const name = `lecture-${minutes}-minutes.wav`;
  const body = silentWav(minutes * 60, 100);
  const created = await api.createJob({ fileName: name, contentType: 'audio/wav', sizeBytes: body.byteLength });
  await sendUploadForm(created.upload, { name, contentType: 'audio/wav', body });
  const uploadedAt = Date.now();
  const { final } = await watchJob(api, created.jobId, 15 * 60_000, 100);
  const at = (time: string | undefined) => (time === undefined ? undefined : Date.parse(time));
  const arn = runtime.stateMachine.executionArns().find((candidate) => candidate.endsWith(`:${runName(created.jobId, 1)}`));
  const entered = arn ? runtime.stateMachine.history(arn).filter((entry) => entry.type === 'StateEntered') : [];
  return {
    minutes,
    final,
    uploadedAt,
    completedAt: at(final.stageTimes.completed) ?? Number.NaN,
    transcription: assemblyAi.transcripts().find((transcript) => transcript.audioUrl.includes(created.jobId)),
    chunkingAt: at(final.stageTimes.chunking),
    stateTransitions: entered.length,
    waitLoopTransitions: entered.filter((entry) => WAIT_LOOP_STATES.includes(entry.state ?? '')).length,
  };
}
