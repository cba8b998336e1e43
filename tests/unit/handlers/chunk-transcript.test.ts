import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../lambdas/handlers/chunk-transcript';
import { ChunkSchema, type Transcript } from '../../../shared/contracts/transcript';
import { chunksPrefix, transcriptKey } from '../../../shared/domain/object-keys';
import { testDependencies } from '../../fixtures/handler-dependencies';
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

async function chunk(source: Transcript['source'], storedTranscript = JSON.stringify(lecture(source))) {
  const deps = { ...testDependencies(), chunking: { maxTokens: 50, overlapSentences: 1 } };
  const job = jobRecord({ jobId: JOB_ID, status: source === 'captions' ? 'queued' : 'transcribing' });
  await deps.jobs.create(job);
  deps.objects.put(transcriptKey(JOB_ID), storedTranscript, 'application/json');
  const result = await makeHandler(deps)({ job: jobRefOf(job), transcript: { ready: true, transcriptKey: transcriptKey(JOB_ID) } });
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
});
