import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/submit-transcription';
import { NOW, TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { expectedTranscriptionSeconds } from '../../../shared/domain/transcription-schedule';
import { silentWav } from '../../fixtures/audio';
import { readFakePresignedUrl } from '../../fixtures/in-memory-object-store';
import { FakeTranscriber } from '../../fixtures/fake-transcriber';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const queuedAudio = jobRecord({ jobId: 'job-5', status: 'queued', fileName: 'week-5.wav', contentType: 'audio/wav', sourceKind: 'audio', runId: 'run-1' });
const input = { job: jobRefOf(queuedAudio) };
/** What the provider should take for the upload: a 50-minute WAV. */
const expectedSeconds = expectedTranscriptionSeconds(50 * 60);

async function withJob(job = queuedAudio) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  deps.objects.put(job.artifacts.upload, silentWav(50 * 60, 100), 'audio/wav');
  return deps;
}

describe('SubmitTranscription', () => {
  it('fails at once, naming the setting, when no speech-to-text provider is configured', async () => {
    const deps = { ...(await withJob()), transcriber: undefined };

    await expect(makeHandler(deps)(input)).rejects.toMatchObject({
      name: 'TranscriptionNotConfigured',
      message: expect.stringContaining('ASSEMBLYAI_API_KEY'),
    });
    expect(await deps.jobs.get('job-5')).toEqual(queuedAudio);
  });

  it('submits a download URL of the upload that lives as long as configured', async () => {
    const deps = await withJob();

    await makeHandler(deps)(input);

    expect(deps.transcriber.submitted).toHaveLength(1);
    expect(readFakePresignedUrl(deps.transcriber.submitted[0]!)).toEqual({
      method: 'GET',
      key: queuedAudio.artifacts.upload,
      expiresInSeconds: TEST_LIMITS.audioUrlSeconds,
    });
  });

  it("records the job as transcribing with the provider's transcript id", async () => {
    const deps = await withJob();

    const ref = await makeHandler(deps)(input);

    expect(ref).toMatchObject({ transcriptId: 'transcript-1', submittedAt: NOW.toISOString(), ready: false });
    expect(await deps.jobs.get('job-5')).toMatchObject({ status: 'transcribing', transcriptionId: 'transcript-1', stageTimes: { transcribing: NOW.toISOString() } });
  });

  it('does not submit again when a retry finds the transcription already submitted', async () => {
    const submittedAt = '2030-05-04T09:58:00.000Z';
    const deps = await withJob({ ...queuedAudio, status: 'transcribing', transcriptionId: 'transcript-earlier', stageTimes: { transcribing: submittedAt } });

    const ref = await makeHandler(deps)(input);

    expect(ref).toMatchObject({ transcriptId: 'transcript-earlier', submittedAt });
    expect(deps.transcriber.submitted).toEqual([]);
  });

  it('shows the job as transcribing while a provider that transcribes on submit works, and asks it again on a retried step', async () => {
    const base = await withJob();
    const statusesDuringSubmit: Array<string | undefined> = [];
    const transcriber = new FakeTranscriber({
      transcribesOnSubmit: true,
      onSubmit: async () => {
        statusesDuringSubmit.push((await base.jobs.get('job-5'))?.status);
      },
    });
    const deps = { ...base, transcriber };

    await makeHandler(deps)(input);
    await makeHandler(deps)(input);

    expect(statusesDuringSubmit).toEqual(['transcribing', 'transcribing']);
    expect(transcriber.submitted).toHaveLength(2);
    expect(await deps.jobs.get('job-5')).toMatchObject({ status: 'transcribing', stageTimes: { transcribing: NOW.toISOString() } });
    // The transcript is there once submit returns: the first check comes at the first whole second.
    expect((await makeHandler(deps)(input)).waitSeconds).toBe(1);
  });

  it("plans the first check for when the provider should be done with a recording this long, by its header", async () => {
    const deps = await withJob();

    const ref = await makeHandler(deps)(input);

    expect(ref.expectedSeconds).toBeCloseTo(expectedSeconds, 1);
    expect(ref.waitSeconds).toBe(Math.floor(expectedSeconds));
    expect(ref.waitSeconds).toBe(27);
  });

  it('counts the time a retry finds already gone against the first wait', async () => {
    const submittedAt = new Date(NOW.getTime() - 20_000).toISOString();
    const deps = await withJob({ ...queuedAudio, status: 'transcribing', transcriptionId: 'transcript-earlier', stageTimes: { transcribing: submittedAt } });

    const ref = await makeHandler(deps)(input);

    expect(ref.waitSeconds).toBe(Math.floor(expectedSeconds - 20));
  });
});
