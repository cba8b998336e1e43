import { TranscriptSchema } from '../../shared/contracts/transcript';
import { ChunkTranscriptInputSchema, type ChunksRef } from '../../shared/contracts/pipeline-state';
import { chunkTranscript } from '../../shared/domain/chunking';
import { checkChunkCount, checkTranscriptSize } from '../../shared/domain/job-limits';
import { chunkKey, chunksPrefix, transcriptKey } from '../../shared/domain/object-keys';
import { mapBounded } from '../runtime/bounded';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { readStoredJson, writeStoredJson } from '../runtime/stored-json';

const PARALLEL_WRITES = 8;

/** Splits the transcript into chunks stored in S3; the state gets their keys and count, never their text. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'chunking' | 'limits' | 'metrics'>) => async (event: unknown): Promise<ChunksRef> => {
  const { job } = parseStepInput('ChunkTranscript', ChunkTranscriptInputSchema, event);
  // Captions and speech-to-text both leave the transcript here, as does an earlier attempt.
  const key = transcriptKey(job.jobId);
  const transcript = await readStoredJson(deps.objects, key, TranscriptSchema);
  // A later version reads the transcript its job's first run stored and counted: its job record is finished and stays so.
  const firstVersion = job.version === 1;
  const audioSeconds = transcript.source === 'captions' ? 0 : transcript.durationSeconds;
  if (firstVersion) await deps.jobs.advance(job.jobId, 'chunking', { artifacts: { transcript: key }, audioSeconds });

  if (audioSeconds && firstVersion) deps.metrics.audioTranscribed(audioSeconds);
  // A transcript an earlier attempt stored may predate lower limits; the chunk count is first known here.
  const fileName = job.uploadKey.split('/').pop() ?? job.uploadKey;
  checkTranscriptSize(transcript, deps.limits, fileName);
  const chunks = chunkTranscript(transcript, deps.chunking);
  checkChunkCount(chunks.length, deps.limits, fileName);
  const keys = await mapBounded(chunks, PARALLEL_WRITES, async (chunk) => {
    const key = chunkKey(job.jobId, chunk.index);
    await writeStoredJson(deps.objects, key, chunk);
    return key;
  });
  // The chunks are the transcript's, the same for every version: a later version writes the same keys with the same text.
  if (firstVersion) await deps.jobs.advance(job.jobId, 'generating_notes', { chunksTotal: chunks.length, artifacts: { chunksPrefix: chunksPrefix(job.jobId) } });
  else await deps.jobs.advanceVersion(job.jobId, job.version, 'generating_notes', { chunksTotal: chunks.length });
  jobLogger(job.jobId).info('Transcript chunked', { chunks: chunks.length, durationSeconds: transcript.durationSeconds, language: chunks[0]!.language });
  return { keys, count: chunks.length };
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
