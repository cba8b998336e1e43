import { describe, expect, it } from 'vitest';
import { makeHandler as makeCheckTranscription } from '../../../lambdas/handlers/check-transcription';
import { makeHandler as makeStartRun } from '../../../lambdas/handlers/start-run';
import { makeHandler as makeSubmitTranscription } from '../../../lambdas/handlers/submit-transcription';
import { objectCreatedBridge } from '../../../infra/local/object-created-bridge';
import { reconcileUnfinishedJobs, type ReconcileOptions } from '../../../infra/local/reconcile-jobs';
import type { JobRecord } from '../../../shared/contracts/job';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { runName, versionRunName } from '../../../shared/domain/run-names';
import { NOW, TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { jobErrorOf } from '../../fixtures/job-error-of';
import { jobRecord, jobRefOf, notesVersion } from '../../fixtures/job-record';

const minutesBeforeNow = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

/** Fakes for the store, and the runtime's side as the local runtime wires it: uploads go through the bridge to start-run. */
async function setUp(jobs: JobRecord[], { running = [] as string[] } = {}) {
  const deps = testDependencies();
  for (const job of jobs) await deps.jobs.create(job);
  const startRun = makeStartRun(deps);
  const options: ReconcileOptions = {
    isRunning: (name) => running.includes(name),
    deliverUpload: objectCreatedBridge(async (event) => startRun(event) as never),
  };
  const reconcile = () => reconcileUnfinishedJobs(deps, options);
  return { deps, reconcile };
}

const writingNotes = jobRecord({
  jobId: 'job-7',
  status: 'generating_notes',
  progress: 61,
  chunksDone: 12,
  chunksTotal: 26,
  runId: 'run-1',
  stageTimes: { awaiting_upload: minutesBeforeNow(10), queued: minutesBeforeNow(9), generating_notes: minutesBeforeNow(8) },
});

describe('reconciling unfinished jobs when the local runtime starts', () => {
  it('re-drives a job whose run was lost: failed as interrupted, then the next attempt started as a retry would', async () => {
    const { deps, reconcile } = await setUp([writingNotes]);
    deps.objects.put(transcriptKey('job-7'), '{}');

    expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: ['job-7'], failed: [] });

    const job = await deps.jobs.get('job-7');
    expect(job).toMatchObject({
      status: 'queued',
      attempt: 2,
      // What the lost run did stays: the chunks it counted, and the bar where it was.
      chunksDone: 12,
      progress: 61,
      pastAttempts: [{ attempt: 1, stage: 'generating_notes', code: 'RunInterrupted', message: expect.stringContaining('Retry the job') }],
    });
    expect(job).not.toHaveProperty('error');
    expect(deps.runs.started).toEqual([
      { name: 'job-7-attempt-2', input: { jobId: 'job-7', attempt: 2, uploadKey: writingNotes.artifacts.upload } },
    ]);
  });

  it('leaves alone a job whose run is still going', async () => {
    const { deps, reconcile } = await setUp([writingNotes], { running: [runName('job-7', 1)] });

    expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: [], failed: [] });
    expect(await deps.jobs.get('job-7')).toEqual(writingNotes);
    expect(deps.runs.started).toEqual([]);
  });

  it('also re-drives a job reopened for a retry whose run never started', async () => {
    const reopened = jobRecord({ jobId: 'job-8', status: 'queued', attempt: 2, pastAttempts: [{ attempt: 1, failedAt: minutesBeforeNow(5), stage: 'merging', code: 'ProviderUnavailable', message: 'down' }] });
    const { deps, reconcile } = await setUp([reopened]);
    deps.objects.put(reopened.artifacts.upload, 'WEBVTT\n');

    expect((await reconcile()).resumed).toEqual(['job-8']);
    expect(await deps.jobs.get('job-8')).toMatchObject({ status: 'queued', attempt: 3 });
    expect(deps.runs.started.map((run) => run.name)).toEqual(['job-8-attempt-3']);
  });

  it('starts the run of an upload that arrived but whose event was lost, through start-run', async () => {
    const uploaded = jobRecord({ jobId: 'job-9' });
    const waiting = jobRecord({ jobId: 'job-10' });
    const { deps, reconcile } = await setUp([uploaded, waiting]);
    const captions = 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n';
    deps.objects.put(uploaded.artifacts.upload, captions);

    expect(await reconcile()).toEqual({ uploadsDelivered: ['job-9'], resumed: [], failed: [] });
    expect(deps.runs.started).toEqual([
      { name: 'job-9-attempt-1', input: { jobId: 'job-9', attempt: 1, uploadKey: uploaded.artifacts.upload } },
    ]);
    // Still waiting for its upload: the presigned form may be used yet, and its event starts the run.
    expect(await deps.jobs.get('job-10')).toEqual(waiting);
  });

  it('ends a lost run failed, saying to upload again, when nothing is stored to resume from', async () => {
    const { deps, reconcile } = await setUp([writingNotes]);

    expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: [], failed: ['job-7'] });
    expect(await deps.jobs.get('job-7')).toMatchObject({
      status: 'failed',
      progress: 61,
      error: { code: 'RunInterrupted', stage: 'generating_notes', message: 'week-3.vtt is no longer stored and was never transcribed: create a new job and upload it again.' },
    });
    expect(deps.runs.started).toEqual([]);
  });

  it('leaves a lost run failed with a retryable reason when the retry cannot start now', async () => {
    const { deps, reconcile } = await setUp([writingNotes]);
    deps.objects.put(transcriptKey('job-7'), '{}');
    deps.jobs.reopen = async () => false;

    expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: [], failed: ['job-7'] });
    expect(await deps.jobs.get('job-7')).toMatchObject({
      status: 'failed',
      error: { code: 'RunInterrupted', stage: 'generating_notes', message: expect.stringMatching(/stopped during writing the notes\. Retry the job/) },
    });
  });

  it('keeps the transcription wait measured from the first submission, so its limit still fires for a re-driven job', async () => {
    const transcribing = jobRecord({
      jobId: 'job-11',
      status: 'transcribing',
      progress: 20,
      fileName: 'week-11.mp3',
      contentType: 'audio/mpeg',
      sourceKind: 'audio',
      transcriptionId: 'transcript-11',
      runId: 'run-1',
      stageTimes: { awaiting_upload: minutesBeforeNow(40), queued: minutesBeforeNow(39), transcribing: minutesBeforeNow(38) },
    });
    const { deps, reconcile } = await setUp([transcribing]);
    deps.objects.put(transcribing.artifacts.upload, 'ID3');
    await reconcile();
    expect(await deps.jobs.get('job-11')).toMatchObject({ status: 'queued', attempt: 2, transcriptionId: 'transcript-11' });

    // The next attempt's steps, as the state machine runs them: no second submission, and the wait counts from the first.
    const job = jobRefOf(transcribing);
    const transcription = await makeSubmitTranscription(deps)({ job });
    expect(transcription).toMatchObject({ transcriptId: 'transcript-11', submittedAt: minutesBeforeNow(38), ready: false });
    expect(deps.transcriber.submitted).toEqual([]);
    expect(38 * 60).toBeGreaterThan(TEST_LIMITS.transcriptionMaxWaitSeconds);
    const timedOut = await jobErrorOf(makeCheckTranscription(deps)({ job, transcription }));
    expect(timedOut.name).toBe('TranscriptionTimedOut');
  });

  it('sets every other job straight when one cannot be read back', async () => {
    const other = { ...writingNotes, jobId: 'job-12', artifacts: { upload: 'uploads/job-12/week-3.vtt' } };
    const { deps, reconcile } = await setUp([writingNotes, other]);
    deps.objects.put(transcriptKey('job-12'), '{}');
    const get = deps.jobs.get.bind(deps.jobs);
    deps.jobs.get = async (jobId) => {
      if (jobId === 'job-7') throw new Error('the table is unreachable');
      return get(jobId);
    };

    expect((await reconcile()).resumed).toEqual(['job-12']);
  });

  describe('a version of a finished job\'s notes', () => {
    const writingVersion = jobRecord({
      jobId: 'job-13',
      status: 'completed',
      progress: 100,
      versions: { '2': notesVersion({ status: 'generating_notes', runId: 'run-v', chunksTotal: 4, chunksDone: 1, countedChunks: [0] }), '3': notesVersion({ version: 3, status: 'failed' }) },
    });

    it('re-drives a version whose run was lost: failed as interrupted, then its next attempt started, the job untouched', async () => {
      const { deps, reconcile } = await setUp([writingVersion]);
      deps.objects.put(transcriptKey('job-13'), '{}');

      expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: ['job-13/versions/2'], failed: [] });
      const { versions, ...job } = (await deps.jobs.get('job-13'))!;
      expect(job).toEqual((({ versions: _, ...rest }) => rest)(writingVersion));
      // What the lost run counted stays counted; the failure it was given is cleared by the reopen.
      expect(versions?.['2']).toMatchObject({ status: 'queued', attempt: 2, chunksDone: 1, countedChunks: [0] });
      expect(versions?.['2']).not.toHaveProperty('error');
      expect(versions?.['3']).toMatchObject({ status: 'failed' });
      expect(deps.runs.started).toEqual([
        { name: 'job-13-version-2-attempt-2', input: { jobId: 'job-13', attempt: 1, uploadKey: writingVersion.artifacts.upload, version: 2 } },
      ]);
    });

    it('leaves alone a version whose run is still going, under its current attempt\'s name', async () => {
      const { deps, reconcile } = await setUp([writingVersion], { running: [versionRunName('job-13', 2, 1)] });
      expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: [], failed: [] });
      expect(await deps.jobs.get('job-13')).toEqual(writingVersion);
    });

    it('ends a lost version failed, saying to upload again, when the transcript is gone', async () => {
      const { deps, reconcile } = await setUp([writingVersion]);
      expect(await reconcile()).toEqual({ uploadsDelivered: [], resumed: [], failed: ['job-13/versions/2'] });
      expect((await deps.jobs.get('job-13'))?.versions?.['2']).toMatchObject({
        status: 'failed',
        error: { code: 'RunInterrupted', stage: 'generating_notes', message: expect.stringContaining('Retry the version') },
      });
      expect(deps.runs.started).toEqual([]);
    });
  });
});
