import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/import-captions';
import { TranscriptSchema } from '../../../shared/contracts/transcript';
import { transcriptKey } from '../../../shared/domain/object-keys';
import { testDependencies } from '../../fixtures/handler-dependencies';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const job = jobRecord({ jobId: 'job-8', status: 'queued', fileName: 'week-8.vtt' });

async function importCaptions(captions: string) {
  const deps = testDependencies();
  deps.objects.put(job.artifacts.upload, captions, 'text/vtt');
  const ref = await makeHandler(deps)({ job: jobRefOf(job) });
  return { deps, ref };
}

describe('ImportCaptions', () => {
  it('stores the captions as a transcript and answers where it is', async () => {
    const captions = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:04.000',
      'Welcome back to the course.',
      '',
      '00:00:04.500 --> 00:00:09.250',
      'Today: how databases keep their promises.',
    ].join('\n');

    const { deps, ref } = await importCaptions(captions);

    expect(ref).toEqual({ ready: true, transcriptKey: transcriptKey('job-8') });
    const stored = TranscriptSchema.parse(JSON.parse(deps.objects.text(transcriptKey('job-8')) ?? 'null'));
    expect(stored.source).toBe('captions');
    expect(stored.durationSeconds).toBe(9.25);
    expect(stored.segments.map((segment) => segment.text)).toEqual(['Welcome back to the course.', 'Today: how databases keep their promises.']);
  });

  it.each([
    { case: 'only a header', captions: 'WEBVTT\n\n' },
    { case: 'text without timings', captions: 'WEBVTT\n\nWelcome back.\n\nToday: databases.\n' },
    { case: 'an unreadable timing', captions: 'WEBVTT\n\n00:00:01.000 --> soon\nWelcome back.\n' },
  ])('fails as InvalidCaptions for captions with $case, naming the file', async ({ captions }) => {
    await expect(importCaptions(captions)).rejects.toMatchObject({ name: 'InvalidCaptions', message: expect.stringContaining('week-8.vtt') });
  });
});
