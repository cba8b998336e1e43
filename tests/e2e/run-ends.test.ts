import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { runName } from '../../shared/domain/run-names';
import { silentWav } from '../fixtures/audio';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { startOpenAiStandIn, type OpenAiStandIn } from '../fixtures/openai-stand-in';
import { runLecture, watchJob } from './lecture-run';

/**
 * Long enough for a whole run from a finished transcript on a busy machine, short enough to wait for.
 * The job's message names the pipeline's real limit (45 minutes): this shortens the local state machine's only.
 */
const TIME_LIMIT_SECONDS = 6;

describe('a run that ends without reaching RecordFailure, through the local runtime', () => {
  let runtime: LocalRuntime;
  let assemblyAi: AssemblyAiStandIn;
  let openAi: OpenAiStandIn;
  let api: ApiClient;

  beforeAll(async () => {
    // The transcription never finishes: the wait loop runs until the state machine's time limit stops the run.
    assemblyAi = await startAssemblyAiStandIn({ apiKey: 'assemblyai-key', processingPolls: Number.MAX_SAFE_INTEGER });
    openAi = await startOpenAiStandIn();
    runtime = await startScratchRuntime({
      environment: {
        ASSEMBLYAI_API_KEY: 'assemblyai-key',
        ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl,
        OPENAI_API_KEY: 'openai-key',
        OPENAI_BASE_URL: openAi.baseURL,
      },
      waitOverrides: { WaitForTranscript: 50 },
      pipelineTimeoutSeconds: TIME_LIMIT_SECONDS,
    });
    const token = runtime.issueToken('student-1');
    api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
  });
  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([assemblyAi?.close(), openAi?.close()]);
  });

  it('fails a timed-out job with a message to retry it, and the retry completes it', async () => {
    const first = await runLecture(runtime.apiUrl, runtime.issueToken('student-1'), { path: 'endless.wav', contentType: 'audio/wav', body: silentWav() });

    expect(first.final.status).toBe('failed');
    expect(first.final.error).toMatchObject({ stage: 'transcribing' });
    expect(first.final.error?.message).toMatch(/^The job timed out after 45 minutes, the pipeline's time limit, during transcription, and was stopped\. Retry the job/);
    const [execution] = runtime.stateMachine.executionArns().filter((arn) => arn.endsWith(runName(first.jobId, 1)));
    // The state machine stopped the run itself: no Catch led it to RecordFailure.
    const history = runtime.stateMachine.history(execution!);
    expect(history.map((entry) => entry.type)).toContain('ExecutionTimeout');
    expect(history.filter((entry) => entry.state === 'RecordFailure')).toEqual([]);

    // The provider finishes the transcription it was given; the retry picks it up instead of submitting anew.
    assemblyAi.setBehaviour({ processingPolls: 0 });
    expect((await api.retryJob(first.jobId)).status).toBe('queued');
    const second = await watchJob(api, first.jobId);

    expect(second.final).toMatchObject({ status: 'completed', progress: 100, notesReady: true });
    expect(assemblyAi.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  }, 60_000);
});
