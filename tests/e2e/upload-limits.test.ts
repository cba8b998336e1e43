import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import type { LocalRuntime } from '../../infra/local/local-runtime';
import { startScratchRuntime } from '../../infra/local/scratch-runtime';
import { runName } from '../../shared/domain/run-names';
import { createS3Client } from '../../lambdas/adapters/aws-clients';
import { RunInputSchema } from '../../shared/contracts/pipeline-state';
import { longLectureVtt } from '../fixtures/long-lecture';
import { runLecture, sendUploadForm, watchJob } from './lecture-run';

const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nGood morning. Today we study entropy, a measure of disorder.\n';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const encoded = (text: string) => new Uint8Array(new TextEncoder().encode(text));

/*
 * The upload form's signed policy makes S3 (and the local stand-in) refuse a body of another size
 * than declared. What arrives by other means (a PutObject with the bucket's key) meets the second
 * line of defence, the start step's check of what actually arrived: these runs show it doing its job.
 */
describe('upload limits and content checks through the local runtime', () => {
  let runtime: LocalRuntime;
  let api: ApiClient;
  let token: string;
  let sfn: SFNClient;
  let s3: S3Client;

  beforeAll(async () => {
    runtime = await startScratchRuntime({ environment: { NOTES_ENGINE: 'offline' } });
    token = runtime.issueToken('student-1');
    api = createApiClient({ baseUrl: runtime.apiUrl, idToken: () => token });
    s3 = createS3Client(runtime.config.aws);
    sfn = new SFNClient({ region: 'us-east-1', endpoint: runtime.stepFunctionsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    sfn?.destroy();
    s3?.destroy();
    await runtime?.stop();
  });

  const finished = async (jobId: string) => (await watchJob(api, jobId, 30_000)).final;

  /**
   * Creates a job declaring `declaredSize` bytes, sends `body` in its upload form and waits for the job to end.
   * A body of another size is refused by the form, as S3 refuses it, and is then stored with the bucket's key.
   */
  async function upload(fileName: string, contentType: string, body: Uint8Array<ArrayBuffer>, declaredSize = body.byteLength) {
    const created = await api.createJob({ fileName, contentType, sizeBytes: declaredSize });
    if (body.byteLength === declaredSize) {
      await sendUploadForm(created.upload, { name: fileName, contentType, body });
    } else {
      await expect(sendUploadForm(created.upload, { name: fileName, contentType, body })).rejects.toThrow(/Upload refused: 400 .*EntityTooSmall/s);
      const key = created.upload.fields.key!;
      await s3.send(new PutObjectCommand({ Bucket: runtime.config.bucketName, Key: key, Body: body, ContentType: contentType, ContentLength: body.byteLength }));
    }
    return { created, final: await finished(created.jobId) };
  }

  /** The executions the uploads of `key` started, as the Step Functions API describes them. */
  async function executionsFor(key: string) {
    const described = await Promise.all(
      runtime.stateMachine.executionArns().map((executionArn) => sfn.send(new DescribeExecutionCommand({ executionArn }))),
    );
    return described.filter((execution) => RunInputSchema.parse(JSON.parse(execution.input ?? '{}')).uploadKey === key);
  }

  it('fails a caption file longer than a lecture may run, naming the limit, before writing any notes', async () => {
    // Ten copies of the 25-minute sample: 4 h 18 min, over the four hours one run can carry.
    const { final } = await upload('marathon.vtt', 'text/vtt', encoded(await longLectureVtt(10)));

    expect(final.status).toBe('failed');
    expect(final.error?.message).toMatch(/^marathon\.vtt runs 4:\d\d:\d\d; a lecture may run at most 4:00:00 \(MAX_LECTURE_SECONDS\)/);
    expect(final.chunks.total).toBe(0);
  });

  it('refuses at POST /jobs a caption file whose declared size no lecture within the limits reaches', async () => {
    await expect(api.createJob({ fileName: 'huge.vtt', contentType: 'text/vtt', sizeBytes: 50 * 1024 ** 2 })).rejects.toThrow(/MAX_TRANSCRIPT_WORDS/);
  });

  it('fails an upload shorter than the size declared, saying it was cut off', async () => {
    const body = encoded(VTT);
    const { final } = await upload('week-3.vtt', 'text/vtt', body, body.byteLength + 1_000);

    expect(final.status).toBe('failed');
    expect(final.error?.message).toContain(`we expected ${(body.byteLength + 1_000).toLocaleString('en-US')} bytes and received ${body.byteLength} bytes`);
    expect(final.error?.message).toMatch(/cut off/);
    expect(final.notesReady).toBe(false);
  });

  it('fails a PNG renamed .vtt, naming what it is', async () => {
    const { final } = await upload('slides.vtt', 'text/vtt', PNG);

    expect(final.status).toBe('failed');
    expect(final.error?.message).toMatch(/slides\.vtt looks like a PNG image, not captions/);
  });

  it('fails an empty caption file', async () => {
    const { final } = await upload('week-3.vtt', 'text/vtt', new Uint8Array(), 2_048);

    expect(final.status).toBe('failed');
    expect(final.error?.message).toMatch(/week-3\.vtt is empty/);
  });

  it('starts nothing when the form is used again after the job completed', async () => {
    const body = encoded(VTT);
    const { created, final } = await upload('week-3.vtt', 'text/vtt', body);
    expect(final.status).toBe('completed');
    const key = created.upload.fields.key!;
    expect(await executionsFor(key)).toHaveLength(1);
    // The job reads completed a moment before its last step has added its usage to the ledger: take it once the run has ended.
    while (runtime.stateMachine.isRunning(runName(created.jobId, 1))) await sleep(20);
    const finished = await api.getJob(created.jobId);
    expect(finished).toMatchObject({ status: final.status, updatedAt: final.updatedAt });

    // Another text of the size the form signs, so that the form takes it.
    await sendUploadForm(created.upload, { name: 'week-3.vtt', contentType: 'text/vtt', body: encoded(VTT.replace('entropy', 'ENTROPY')) });
    // Nothing announces that an upload event started nothing: watch for a run long enough for one to start.
    const watchUntil = Date.now() + 1_500;
    while (Date.now() < watchUntil) {
      expect(await executionsFor(key)).toHaveLength(1);
      await sleep(100);
    }

    expect(await api.getJob(created.jobId)).toEqual(finished);
    expect(await api.getNotesMarkdown(created.jobId)).toMatch(/entropy/);
  });

  it('completes a caption file with a byte order mark, CRLF line ends, non-ASCII text and no WEBVTT header', async () => {
    const cues = [
      'Guten Morgen. Today we study entropy in thermodynamics, following Schrödinger and Boltzmann.',
      'Entropy is a measure of how many microscopic arrangements fit one macroscopic state: ΔS ≥ 0.',
      'The second law says that the entropy of an isolated system never decreases, café or no café.',
      'In Japanese the field is called 熱力学, and its laws hold everywhere.',
      'A reversible process keeps the total entropy constant; an irreversible one raises it.',
    ];
    const text = `\uFEFF${cues.map((cue, index) => `00:00:${String(index * 5).padStart(2, '0')}.000 --> 00:00:${String(index * 5 + 4).padStart(2, '0')}.500\r\n${cue}\r\n`).join('\r\n')}`;

    const run = await runLecture(runtime.apiUrl, token, { path: 'übung-entropie.vtt', contentType: 'text/vtt', body: encoded(text) });

    expect(run.final.status).toBe('completed');
    const notes = await api.getNotesMarkdown(run.jobId);
    expect(notes).toMatch(/Schrödinger|ΔS|熱力学|café/);
    expect(notes).not.toContain('\uFFFD');
  });
});
