import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/start-job';
import type { JobRecord } from '../../../shared/contracts/job';
import type { RunInput } from '../../../shared/contracts/pipeline-state';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const job = jobRecord({ jobId: 'job-3', fileName: 'week-3.vtt' });
const UPLOAD_KEY = job.artifacts.upload;

const runInput = (uploadKey: string, attempt = 1): RunInput => ({ jobId: 'job-3', attempt, uploadKey });

/**
 * A job awaiting its upload, with the uploaded file (null: none) in place. The job declares the
 * file's own size unless `declaredSize` says otherwise.
 */
async function uploaded({
  body = 'WEBVTT\n\n00:00.000 --> 00:04.000\nWelcome back.\n' as string | Uint8Array | null,
  declaredSize = undefined as number | undefined,
  record = job,
  limits = TEST_LIMITS,
} = {}) {
  const deps = testDependencies();
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  await deps.jobs.create({ ...record, sizeBytes: declaredSize ?? bytes?.byteLength ?? record.sizeBytes });
  if (bytes !== null) deps.objects.put(record.artifacts.upload, bytes, record.contentType);
  const startJob = makeHandler({ ...deps, limits });
  const start = (runId: string, run = runInput(record.artifacts.upload)) => startJob({ run, runId });
  return { deps, start };
}

/** The start of a WAV file whose header says it holds `dataBytes` bytes of samples. */
function wavHeader(dataBytes: number): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  return new Uint8Array(header);
}

const stored = (deps: ReturnType<typeof testDependencies>): Promise<JobRecord | undefined> => deps.jobs.get(job.jobId);

describe('StartJob', () => {
  it('claims the job for this run and answers its ref', async () => {
    const { deps, start } = await uploaded();

    expect(await start('run-1')).toEqual({
      jobId: 'job-3',
      uploadKey: UPLOAD_KEY,
      sourceKind: 'captions',
      duplicate: false,
      hasTranscript: false,
      version: 1,
      request: { style: 'study' },
    });
    expect(await stored(deps)).toMatchObject({ status: 'queued', runId: 'run-1' });
  });

  it('resumes after transcription when an earlier attempt stored the transcript, even with the upload gone', async () => {
    const { deps, start } = await uploaded({ body: null });
    deps.objects.put(transcriptKey('job-3'), '{}', 'application/json');

    expect(await start('run-1')).toMatchObject({ duplicate: false, hasTranscript: true });
  });

  it('lets a repeated upload event through as a duplicate that changes nothing', async () => {
    const { deps, start } = await uploaded();
    await start('run-1');
    const afterFirstRun = await stored(deps);

    expect(await start('run-2')).toMatchObject({ jobId: 'job-3', duplicate: true });
    expect(await stored(deps)).toEqual(afterFirstRun);
  });

  it('lets the run that claimed the job retry the step', async () => {
    const { deps, start } = await uploaded();
    await start('run-1');

    expect(await start('run-1')).toMatchObject({ duplicate: false });
    expect(await stored(deps)).toMatchObject({ status: 'queued', runId: 'run-1' });
  });

  it('refuses an empty upload', async () => {
    const { start } = await uploaded({ body: '' });

    await expect(start('run-1')).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringContaining('week-3.vtt is empty') });
  });

  it('refuses an upload shorter than the job declared, saying both sizes', async () => {
    const { deps, start } = await uploaded({ declaredSize: 5_000 });

    await expect(start('run-1')).rejects.toMatchObject({
      name: 'InvalidUpload',
      message: expect.stringMatching(/week-3\.vtt .*expected 5,000 bytes and received 4\d bytes.*cut off/),
    });
    // Claimed first, so the failure is recorded against this run.
    expect(await stored(deps)).toMatchObject({ runId: 'run-1' });
  });

  it('refuses a file that is not what its name says, naming what it looks like', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const { start } = await uploaded({ body: png });

    await expect(start('run-1')).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringContaining('week-3.vtt looks like a PNG image') });
  });

  it('starts an audio job on a file that is audio, and refuses one cut off inside its WAV header\'s length', async () => {
    const audioJob = jobRecord({ jobId: 'job-3', fileName: 'week-3.wav', contentType: 'audio/wav', sourceKind: 'audio' });
    const whole = new Uint8Array([...wavHeader(1_000), ...new Uint8Array(1_000).fill(128)]);

    const complete = await uploaded({ record: audioJob, body: whole });
    const cutOff = await uploaded({ record: audioJob, body: whole.slice(0, 600) });

    expect(await complete.start('run-1')).toMatchObject({ sourceKind: 'audio', duplicate: false });
    await expect(cutOff.start('run-1')).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringMatching(/week-3\.wav is truncated/) });
  });

  it('refuses an upload over the configured limit', async () => {
    const { start } = await uploaded({ limits: { ...TEST_LIMITS, maxUploadBytes: 16 } });

    await expect(start('run-1')).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringContaining('over the limit of 16 bytes') });
  });

  it('refuses an upload that is gone from storage', async () => {
    const { start } = await uploaded({ body: null });

    await expect(start('run-1')).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringContaining('gone') });
  });

  it('reports an upload whose job does not exist', async () => {
    const { start } = await uploaded();

    await expect(start('run-1', { jobId: 'job-404', attempt: 1, uploadKey: 'uploads/job-404/week-3.vtt' })).rejects.toMatchObject({
      name: 'JobNotFound',
      message: expect.stringContaining('job-404'),
    });
  });

  it('lets a run of an attempt the job has left through as a duplicate that changes nothing', async () => {
    const { deps, start } = await uploaded({ record: { ...job, attempt: 2 } });

    expect(await start('run-1', runInput(UPLOAD_KEY, 1))).toMatchObject({ duplicate: true });
    expect(await stored(deps)).toMatchObject({ status: 'awaiting_upload', attempt: 2 });
    expect((await stored(deps))?.runId).toBeUndefined();
  });

  it('refuses a file other than the one the job expects, leaving the job unclaimed', async () => {
    const { deps, start } = await uploaded();
    const otherFile = 'uploads/job-3/week-4.vtt';
    deps.objects.put(otherFile, 'WEBVTT\n');

    await expect(start('run-1', runInput(otherFile))).rejects.toMatchObject({ name: 'InvalidUpload', message: expect.stringContaining(UPLOAD_KEY) });
    expect(await stored(deps)).toMatchObject({ status: 'awaiting_upload' });
    expect((await stored(deps))?.runId).toBeUndefined();
  });

  it.each([
    { case: 'no run id', input: { run: runInput(UPLOAD_KEY), runId: '' } },
    { case: 'an upload event instead of a run input', input: { run: { 'detail-type': 'Object Created', detail: { object: { key: UPLOAD_KEY } } }, runId: 'run-1' } },
    { case: 'nothing', input: undefined },
  ])('reports $case as input that breaks its contract', async ({ input }) => {
    const deps = testDependencies();

    await expect(makeHandler(deps)(input)).rejects.toMatchObject({ name: 'InvalidStepInput', message: expect.stringContaining('StartJob') });
  });
});
