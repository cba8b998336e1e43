import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/get-transcript';
import { TranscriptDocumentSchema } from '../../../shared/contracts/api';
import type { JobRecord } from '../../../shared/contracts/job';
import type { Transcript } from '../../../shared/contracts/transcript';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { apiErrorOf, apiEvent, jsonBodyOf } from '../../fixtures/api-gateway-event';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord } from '../../fixtures/job-record';

const JOB_ID = 'job-7';

const transcript: Transcript = {
  source: 'assemblyai',
  language: 'en',
  durationSeconds: 95,
  segments: [
    { start: 0, end: 4.2, text: 'Good morning, today we look at transactions.', speaker: 'A' },
    { start: 4.2, end: 9.8, text: 'A transaction <b>commits</b> or rolls back as a whole.' },
  ],
  words: [{ text: 'Good', start: 0, end: 0.3, confidence: 0.98 }],
};

const transcribedJob = jobRecord({
  jobId: JOB_ID,
  status: 'generating_notes',
  progress: 40,
  artifacts: { upload: `uploads/${JOB_ID}/week-3.mp3`, transcript: transcriptKey(JOB_ID) },
});

async function getTranscript(job: JobRecord, { caller = 'student-1', stored = JSON.stringify(transcript) } = {}) {
  const deps = testDependencies();
  await deps.jobs.create(job);
  deps.objects.put(transcriptKey(JOB_ID), stored, 'application/json');
  return makeHandler(deps)(apiEvent({ path: `/jobs/${JOB_ID}/transcript`, pathParameters: { jobId: JOB_ID }, caller }));
}

describe('GET /jobs/{jobId}/transcript', () => {
  it('answers the timed segments as stored, text as data, without the word timings', async () => {
    const result = await getTranscript(transcribedJob);

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    const body = jsonBodyOf(result);
    expect(TranscriptDocumentSchema.parse(body)).toEqual({
      jobId: JOB_ID,
      source: 'assemblyai',
      language: 'en',
      durationSeconds: 95,
      segments: transcript.segments,
    });
    expect(body).not.toHaveProperty('words');
  });

  it('answers 409 while no transcript is stored, saying how far the job got', async () => {
    const result = await getTranscript(jobRecord({ jobId: JOB_ID, status: 'transcribing', progress: 12 }));

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result)).toMatchObject({ error: 'TranscriptNotReady', message: expect.stringContaining('(12%)') });
  });

  it('answers 409 for a job that failed before transcribing, with its reason', async () => {
    const failure = { message: 'The speech-to-text provider found no speech in week-3.mp3', stage: 'transcribing', code: 'TranscriptionFailed' } as const;
    const result = await getTranscript(jobRecord({ jobId: JOB_ID, status: 'failed', error: failure }));

    expect(result.statusCode).toBe(409);
    expect(apiErrorOf(result).message).toContain(failure.message);
  });

  it("answers another user's transcript as not found, showing none of it", async () => {
    const result = await getTranscript(transcribedJob, { caller: 'student-2' });

    expect(result.statusCode).toBe(404);
    expect(apiErrorOf(result).error).toBe('JobNotFound');
    expect(result.body).not.toContain('transaction');
  });

  it('answers 422 StoredDataInvalid, naming the job and the file, when the stored transcript is damaged', async () => {
    const result = await getTranscript(transcribedJob, { stored: '{"segments": "none"}' });

    expect(result.statusCode).toBe(422);
    expect(apiErrorOf(result)).toMatchObject({ error: 'StoredDataInvalid', message: expect.stringContaining(transcriptKey(JOB_ID)) });
    expect(apiErrorOf(result).message).toContain(`job ${JOB_ID}`);
  });
});
