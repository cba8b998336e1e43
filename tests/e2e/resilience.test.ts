import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import { LOCAL_BUCKET, type LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { runName } from '../../shared/domain/run-names';
import { silentWav } from '../fixtures/audio';
import { startAssemblyAiStandIn, type AssemblyAiStandIn } from '../fixtures/assemblyai-stand-in';
import { notesFromTranscriptLines, reductionFromMergedNotes, startOpenAiStandIn, type OpenAiStandIn } from '../fixtures/openai-stand-in';
import { isNonDecreasing, runLecture, sendUploadForm, watchJob } from './lecture-run';

/** Long enough for several chunks at the small chunk budget below. */
const LECTURE = [
  'Good morning. Today we study heat engines, which turn heat into work.',
  'A heat engine takes heat from a hot reservoir and gives some of it to a cold reservoir.',
  'The efficiency of an engine is the work it does divided by the heat it takes in.',
  'No engine can be perfectly efficient, because some heat must always flow to the cold side.',
  'The Carnot engine is an idealised engine that runs a reversible cycle.',
  'Its efficiency depends only on the temperatures of the two reservoirs.',
  'Real engines lose more to friction and to heat that leaks away.',
  'Refrigerators are heat engines run backwards: they spend work to move heat from cold to hot.',
  'The coefficient of performance measures how much heat a refrigerator moves per unit of work.',
  'That is all for today; next week we look at entropy.',
].join(' ');

const clock = (seconds: number) => `00:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}.000`;
const captions = () => {
  const cues = LECTURE.split(/(?<=\.)\s/).map((sentence, index) => `${clock(index * 6)} --> ${clock(index * 6 + 5)}\n${sentence}`);
  return new Uint8Array(new TextEncoder().encode(`WEBVTT\n\n${cues.join('\n\n')}\n`));
};

describe('faults, retries, duplicates and deletion through the local runtime', () => {
  let runtime: LocalRuntime;
  let assemblyAi: AssemblyAiStandIn;
  let openAi: OpenAiStandIn;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    assemblyAi = await startAssemblyAiStandIn({ apiKey: 'assemblyai-key', text: LECTURE, processingPolls: 1 });
    openAi = await startOpenAiStandIn();
    runtime = await startScratchRuntime({
      environment: {
        ASSEMBLYAI_API_KEY: 'assemblyai-key',
        ASSEMBLYAI_BASE_URL: assemblyAi.baseUrl,
        OPENAI_API_KEY: 'openai-key',
        OPENAI_BASE_URL: openAi.baseURL,
        CHUNK_MAX_TOKENS: '60',
        CHUNK_OVERLAP_SENTENCES: '1',
      },
      // One chunk at a time, so a fault queue lines up with chunks; waits and retry pauses shortened.
      pipeline: { notesConcurrency: 1 },
      waitOverrides: { WaitForTranscript: 10 },
      retryOverrides: { GenerateChunkNotes: 10 },
    });
    token = runtime.issueToken('student-1');
    api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
  });
  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([assemblyAi?.close(), openAi?.close()]);
  });
  beforeEach(() => {
    assemblyAi.requests.length = 0;
    openAi.requests.length = 0;
    openAi.setBehaviour({ faults: [], reply: notesFromTranscriptLines });
  });

  const executionsOf = (jobId: string) => runtime.stateMachine.executionArns().filter((arn) => arn.includes(jobId));

  it('resumes a failed job without transcribing again or redoing the chunks already done', async () => {
    // The first chunk's notes are made; the second is refused for good, failing the job.
    openAi.setBehaviour({ faults: [{ delayMs: 0 }, { status: 401 }] });
    const first = await runLecture(runtime.apiUrl, token, { path: 'heat-engines.wav', contentType: 'audio/wav', body: silentWav() });
    expect(first.final.status).toBe('failed');
    expect(first.final.error).toMatchObject({ stage: 'generating_notes', message: expect.stringContaining('OPENAI_API_KEY') });
    const chunks = first.final.chunks.total;
    expect(chunks).toBeGreaterThan(2);
    expect(first.final.chunks.done).toBe(1);

    const reopened = await api.retryJob(first.jobId);
    expect(reopened.status).toBe('queued');
    const second = await watchJob(api, first.jobId);

    expect(second.final).toMatchObject({ status: 'completed', progress: 100, chunks: { done: chunks, total: chunks } });
    const record = await api.getJob(first.jobId);
    expect(record.notesReady).toBe(true);
    // One transcription paid for; every chunk's notes asked for once, plus the refused ask, plus the one reduce.
    expect(assemblyAi.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(openAi.requests).toHaveLength(chunks + 2);
    expect(isNonDecreasing([...first.updates, ...second.updates].map((update) => update.progress))).toBe(true);
    expect(executionsOf(first.jobId).map((arn) => arn.split(':').pop())).toEqual([runName(first.jobId, 1), runName(first.jobId, 2)]);
  });

  it('bounds the calls to a provider that stays down, then fails with a message, and a retry finishes the job', async () => {
    openAi.setBehaviour({ faults: Array.from({ length: 30 }, () => ({ status: 503 })) });
    const run = await runLecture(runtime.apiUrl, token, { path: 'outage.vtt', contentType: 'text/vtt', body: captions() });

    expect(run.final.status).toBe('failed');
    expect(run.final.error?.message).toMatch(/notes provider .* is unavailable/);
    expect(run.final.error?.message).toMatch(/retr/i);
    const asksPerPart = Map.groupBy(openAi.requests, (request) => /part (\d+) of/i.exec(JSON.stringify(request.body))?.[1]);
    // The failing part: (1 ask + 2 SDK retries) x (1 step + 2 state machine retries), never more.
    expect(asksPerPart.get('1')).toHaveLength(9);
    // A part already in flight when the Map failed finishes its one invocation, without retries of the step.
    for (const [part, asks] of asksPerPart) if (part !== '1') expect(asks.length).toBeLessThanOrEqual(3);

    openAi.setBehaviour({ faults: [] });
    await api.retryJob(run.jobId);
    expect((await watchJob(api, run.jobId)).final.status).toBe('completed');
  });

  it('rides out a few rate limits without failing', async () => {
    openAi.setBehaviour({ faults: [{ status: 429 }, { status: 429 }] });
    const run = await runLecture(runtime.apiUrl, token, { path: 'busy.vtt', contentType: 'text/vtt', body: captions() });
    expect(run.final.status).toBe('completed');
    // Every chunk, the reduce, and the two rate-limited asks.
    expect(openAi.requests).toHaveLength(run.final.chunks.total + 3);
  });

  it('starts one run when the same upload arrives twice at once', async () => {
    const body = captions();
    const created = await api.createJob({ fileName: 'twice.vtt', contentType: 'text/vtt', sizeBytes: body.byteLength });
    await Promise.all([1, 2].map(() => sendUploadForm(created.upload, { name: 'twice.vtt', contentType: 'text/vtt', body })));
    const { final } = await watchJob(api, created.jobId);

    expect(final.status).toBe('completed');
    expect(executionsOf(created.jobId)).toHaveLength(1);
    const starts = runtime.stateMachine.history(executionsOf(created.jobId)[0]!).filter((entry) => entry.type === 'StateEntered' && entry.state === 'StartJob');
    expect(starts).toHaveLength(1);
    expect(openAi.requests).toHaveLength(final.chunks.total + 1);
  });

  it('keeps notes that contain markup as data, and escapes it in Markdown', async () => {
    const hostile = '<img src=x onerror=alert(1)> and [click me](javascript:alert(1)) <script>steal()</script>';
    // Markup in every chunk's key points and in the title the reduce step writes.
    openAi.setBehaviour({
      reply: (request) => {
        const notes = notesFromTranscriptLines(request);
        return { ...notes, sections: notes.sections.map((section) => ({ ...section, keyPoints: [hostile, ...section.keyPoints] })) };
      },
      reduction: (request) => ({ ...reductionFromMergedNotes(request), title: hostile }),
    });
    const run = await runLecture(runtime.apiUrl, token, { path: 'markup.vtt', contentType: 'text/vtt', body: captions() });
    expect(run.final.status).toBe('completed');

    const notes = await api.getNotes(run.jobId);
    expect(notes.title).toBe(hostile);
    expect(notes.sections[0]?.keyPoints).toContain(hostile);
    const markdown = await api.getNotesMarkdown(run.jobId);
    expect(markdown).not.toMatch(/<img|<script/i);
    expect(markdown).not.toMatch(/\]\(javascript:/i);
    expect(markdown).toContain('&lt;script&gt;');
  });

  it('deletes a job: the upload, every artifact and the record', async () => {
    const run = await runLecture(runtime.apiUrl, token, { path: 'forget-me.vtt', contentType: 'text/vtt', body: captions() });
    expect(run.final.status).toBe('completed');
    const s3 = new S3Client({ region: 'us-east-1', endpoint: runtime.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const keysUnder = async (prefix: string) =>
      ((await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: prefix }))).Contents ?? []).map((object) => object.Key);
    expect((await keysUnder(`jobs/${run.jobId}/`)).length).toBeGreaterThan(3);

    await api.deleteJob(run.jobId);

    expect(await keysUnder(`jobs/${run.jobId}/`)).toEqual([]);
    expect(await keysUnder(`uploads/${run.jobId}/`)).toEqual([]);
    await expect(api.getJob(run.jobId)).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 404);
    s3.destroy();
  });
});
