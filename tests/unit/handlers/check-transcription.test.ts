import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/check-transcription';
import { TranscriptSchema, type Transcript } from '../../../shared/contracts/transcript';
import { progressOnEntering } from '../../../shared/domain/job-status-rules';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { NOW, TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const transcribing = jobRecord({
  jobId: 'job-6',
  status: 'transcribing',
  progress: progressOnEntering('transcribing'),
  fileName: 'week-6.mp3',
  contentType: 'audio/mpeg',
  sourceKind: 'audio',
  transcriptionId: 'transcript-6',
});

const transcript: Transcript = {
  source: 'assemblyai',
  language: 'en',
  durationSeconds: 95.5,
  segments: [{ start: 0, end: 95.5, text: 'Today we look at the light reactions of photosynthesis.' }],
};

const secondsBeforeNow = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
/** The wait loop's state `waitedSeconds` after submit, for a provider expected to take `expectedSeconds`. */
const transcriptionAfter = (waitedSeconds: number, expectedSeconds: number) => ({
  transcriptId: 'transcript-6',
  submittedAt: secondsBeforeNow(waitedSeconds),
  expectedSeconds,
  waitSeconds: 1,
  ready: false,
});

async function setUp() {
  const deps = testDependencies();
  await deps.jobs.create(transcribing);
  const check = (waitedSeconds: number, expectedSeconds = 30) =>
    makeHandler(deps)({ job: jobRefOf(transcribing), transcription: transcriptionAfter(waitedSeconds, expectedSeconds) });
  const progress = async () => (await deps.jobs.get('job-6'))?.progress;
  return { deps, check, progress };
}

describe('CheckTranscription', () => {
  it('raises progress while the provider works, staying inside the transcription band', async () => {
    const { check, progress } = await setUp();
    const seen: (number | undefined)[] = [];

    for (const waited of [10, 60, TEST_LIMITS.transcriptionMaxWaitSeconds - 1]) {
      expect(await check(waited)).toMatchObject({ ready: false });
      seen.push(await progress());
    }

    expect(seen[0]).toBeGreaterThan(progressOnEntering('transcribing')!);
    expect(seen[1]).toBeGreaterThan(seen[0]!);
    expect(seen[2]).toBeGreaterThan(seen[1]!);
    expect(seen[2]).toBeLessThan(progressOnEntering('chunking')!);
  });

  it('never lowers progress when an earlier check is repeated', async () => {
    const { check, progress } = await setUp();
    await check(120);
    const reached = await progress();

    await check(10);

    expect(await progress()).toBe(reached);
  });

  it('says to look again when the provider should be done, then after a small share of the time taken', async () => {
    const { check } = await setUp();

    expect(await check(10, 30)).toMatchObject({ ready: false, waitSeconds: 20, expectedSeconds: 30 });
    expect(await check(30, 30)).toMatchObject({ ready: false, waitSeconds: 1 });
    expect(await check(200, 100)).toMatchObject({ ready: false, waitSeconds: 8 });
  });

  it('keeps asking for a moment when the provider should be done about now, and takes a transcript that lands meanwhile', async () => {
    const { deps, check } = await setUp();
    setTimeout(() => deps.transcriber.answer('transcript-6', { state: 'completed', transcript }), 300);

    expect(await check(29.5, 30)).toMatchObject({ ready: true });
    expect(TranscriptSchema.parse(JSON.parse(deps.objects.text(transcriptKey('job-6')) ?? 'null'))).toEqual(transcript);
  });

  it('stores the finished transcript and says it is ready', async () => {
    const { deps, check } = await setUp();
    deps.transcriber.answer('transcript-6', { state: 'completed', transcript });

    const ref = await check(40);

    expect(ref).toEqual({ ...transcriptionAfter(40, 30), ready: true });
    expect(TranscriptSchema.parse(JSON.parse(deps.objects.text(transcriptKey('job-6')) ?? 'null'))).toEqual(transcript);
  });

  it('still takes a transcript that finishes after the longest wait', async () => {
    const { deps, check } = await setUp();
    deps.transcriber.answer('transcript-6', { state: 'completed', transcript });

    expect(await check(TEST_LIMITS.transcriptionMaxWaitSeconds + 60)).toMatchObject({ ready: true });
  });

  it('refuses a finished transcript longer than a lecture may run, naming MAX_LECTURE_SECONDS, and stores nothing', async () => {
    const { deps, check } = await setUp();
    deps.transcriber.answer('transcript-6', { state: 'completed', transcript: { ...transcript, durationSeconds: 5 * 3600 } });

    await expect(check(40)).rejects.toMatchObject({ name: 'LectureTooLarge', message: expect.stringMatching(/runs 5:00:00; a lecture may run at most 4:00:00 \(MAX_LECTURE_SECONDS\)/) });
    expect(deps.objects.text(transcriptKey('job-6'))).toBeUndefined();
  });

  it("fails with the provider's reason when the provider fails", async () => {
    const { deps, check } = await setUp();
    deps.transcriber.answer('transcript-6', { state: 'failed', reason: 'File does not appear to contain audio.' });

    await expect(check(40)).rejects.toMatchObject({
      name: 'TranscriptionFailed',
      message: expect.stringMatching(/week-6\.mp3.*File does not appear to contain audio\./),
    });
  });

  it('gives up past the longest wait, leaving progress where it was', async () => {
    const { check, progress } = await setUp();

    await expect(check(TEST_LIMITS.transcriptionMaxWaitSeconds + 1)).rejects.toMatchObject({
      name: 'TranscriptionTimedOut',
      message: expect.stringContaining('30 minutes'),
    });
    expect(await progress()).toBe(progressOnEntering('transcribing'));
  });

  it('fails, naming the setting, when the provider is no longer configured', async () => {
    const deps = { ...testDependencies(), transcriber: undefined };
    await deps.jobs.create(transcribing);

    await expect(
      makeHandler(deps)({ job: jobRefOf(transcribing), transcription: transcriptionAfter(5, 30) }),
    ).rejects.toMatchObject({ name: 'TranscriptionNotConfigured', message: expect.stringContaining('ASSEMBLYAI_API_KEY') });
  });
});
