import { ImportCaptionsInputSchema, type TranscriptRef } from '../../shared/contracts/pipeline-state';
import { parseCaptions } from '../../shared/domain/captions';
import { checkTranscriptSize } from '../../shared/domain/job-limits';
import { transcriptKey } from '../../shared/domain/object-keys';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { parseStepInput } from '../runtime/step-input';
import { writeStoredJson } from '../runtime/stored-json';

/** Captions already are a transcript: parse them into the common shape and skip speech-to-text. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'objects' | 'limits'>) => async (event: unknown): Promise<TranscriptRef> => {
  const { job } = parseStepInput('ImportCaptions', ImportCaptionsInputSchema, event);
  const fileName = job.uploadKey.split('/').pop() ?? job.uploadKey;
  const transcript = parseCaptions(await deps.objects.getText(job.uploadKey), fileName);
  checkTranscriptSize(transcript, deps.limits, fileName);
  const key = transcriptKey(job.jobId);
  await writeStoredJson(deps.objects, key, transcript);
  jobLogger(job.jobId).info('Captions imported', { segments: transcript.segments.length, durationSeconds: transcript.durationSeconds });
  return { ready: true, transcriptKey: key };
};

export const handler = lambdaEntry(makeHandler, composeProviderFree);
