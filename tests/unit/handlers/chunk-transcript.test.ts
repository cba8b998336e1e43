import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/chunk-transcript';
import { ChunkSchema, type Transcript } from '../../../shared/contracts/transcript';
import { chunksPrefix, transcriptKey } from '../../../shared/domain/object-keys';
import { TEST_LIMITS, testDependencies } from '../../fixtures/handler-dependencies';
import { jobErrorOf } from '../../fixtures/job-error-of';
import { jobRecord, jobRefOf } from '../../fixtures/job-record';

const JOB_ID = 'job-9';
const MARKER = 'photosynthesis';

/** Twelve ten-second sentences: several chunks at a 50-token budget. */
const lecture = (source: Transcript['source']): Transcript => ({
  source,
  durationSeconds: 120,
  segments: Array.from({ length: 12 }, (_, index) => ({
    start: index * 10,
    end: (index + 1) * 10,
    text: `Point ${index + 1} of the lecture explains how ${MARKER} turns light into chemical energy.`,
  })),
});

async function stored(source: Transcript['source'], { limits = TEST_LIMITS, storedTranscript = JSON.stringify(lecture(source)) } = {}) {
  const deps = { ...testDependencies(), chunking: { maxTokens: 50, overlapSentences: 1 }, limits };
  const job = jobRecord({ jobId: JOB_ID, status: source === 'captions' ? 'queued' : 'transcribing' });
  await deps.jobs.create(job);
  deps.objects.put(transcriptKey(JOB_ID), storedTranscript, 'application/json');
  const run = () => makeHandler(deps)({ job: jobRefOf(job), transcript: { ready: true, transcriptKey: transcriptKey(JOB_ID) } });
  return { deps, run };
}

async function chunk(source: Transcript['source'], storedTranscript?: string) {
  const { deps, run } = await stored(source, { storedTranscript });
  const result = await run();
  return { deps, result, stored: await deps.jobs.get(JOB_ID) };
}

describe('ChunkTranscript', () => {
  it('fails as StoredDataInvalid, naming the file, when the stored transcript does not fit its schema', async () => {
    await expect(chunk('captions', '{"segments": "forged"}')).rejects.toSatisfy(
      (error) => error instanceof Error && error.name === 'StoredDataInvalid' && error.message.includes(transcriptKey(JOB_ID)),
    );
  });

  it('stores every chunk under the chunks prefix, in order', async () => {
    const { deps, result } = await chunk('captions');

    expect(result.count).toBeGreaterThan(1);
    expect(deps.objects.keys(chunksPrefix(JOB_ID))).toEqual([...result.keys].sort());
    const chunks = result.keys.map((key) => ChunkSchema.parse(JSON.parse(deps.objects.text(key) ?? 'null')));
    expect(chunks.map((stored) => stored.index)).toEqual(result.keys.map((_, index) => index));
    expect(chunks.every((stored) => stored.count === result.count)).toBe(true);
    // No language in the transcript: it is told from the text.
    expect(chunks.every((stored) => stored.language === 'en')).toBe(true);
  });

  it('answers the keys and the count only, never the text', async () => {
    const { result } = await chunk('captions');

    expect(Object.keys(result).sort()).toEqual(['count', 'keys']);
    expect(result.keys).toHaveLength(result.count);
    expect(JSON.stringify(result)).not.toContain(MARKER);
  });

  it('moves the job to generating notes with the number of chunks and where they are', async () => {
    const { result, stored } = await chunk('captions');

    expect(stored).toMatchObject({
      status: 'generating_notes',
      chunksTotal: result.count,
      chunksDone: 0,
      artifacts: { transcript: transcriptKey(JOB_ID), chunksPrefix: chunksPrefix(JOB_ID) },
    });
    expect(stored?.stageTimes.chunking).toBeDefined();
  });

  it.each([
    { source: 'captions', audioSeconds: 0 },
    { source: 'assemblyai', audioSeconds: 120 },
  ] as const)('records $audioSeconds seconds of transcribed audio for a $source transcript', async ({ source, audioSeconds }) => {
    const { stored } = await chunk(source);

    expect(stored?.usage.audioSeconds).toBe(audioSeconds);
  });

  it('refuses more chunks than a run can carry, naming MAX_CHUNKS, before storing any or moving the job on', async () => {
    const { deps, run } = await stored('captions', { limits: { ...TEST_LIMITS, maxChunks: 2 } });
    const error = await jobErrorOf(run());

    expect(error.name).toBe('LectureTooLarge');
    expect(error.message).toMatch(/makes \d+ parts.*at most 2 \(MAX_CHUNKS\)/);
    expect(deps.objects.keys(chunksPrefix(JOB_ID))).toEqual([]);
    expect((await deps.jobs.get(JOB_ID))?.status).not.toBe('generating_notes');
  });

  it('refuses a stored transcript longer than MAX_LECTURE_SECONDS allows', async () => {
    const { run } = await stored('assemblyai', { limits: { ...TEST_LIMITS, maxLectureSeconds: 60 } });
    const error = await jobErrorOf(run());

    expect(error).toMatchObject({ name: 'LectureTooLarge', message: expect.stringMatching(/runs 2:00; a lecture may run at most 1:00 \(MAX_LECTURE_SECONDS\)/) });
  });
});
