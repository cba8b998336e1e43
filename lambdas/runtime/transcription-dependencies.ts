import type { Transcriber } from '../../shared/ports/transcriber';
import { AssemblyAiTranscriber } from '../adapters/assemblyai-transcriber';
import type { RuntimeConfig } from './config';
import { ASSEMBLYAI_BUDGET } from './provider-budgets';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** What the transcription steps use: the AWS services and the speech-to-text provider, no notes engine. */
export interface TranscriptionDependencies extends ProviderFreeDependencies {
  /** Undefined when no speech-to-text provider is configured: audio jobs then fail fast, captions still work. */
  transcriber: Transcriber | undefined;
}

export const transcriberFor = ({ apiKey, baseUrl, speechModel }: RuntimeConfig['transcription']): Transcriber | undefined =>
  apiKey
    ? new AssemblyAiTranscriber({
        apiKey,
        baseUrl,
        speechModel,
        requestTimeoutMs: ASSEMBLYAI_BUDGET.requestTimeoutMs,
        retries: ASSEMBLYAI_BUDGET.retries,
      })
    : undefined;

export const composeTranscription = (config: RuntimeConfig): TranscriptionDependencies => ({
  ...composeProviderFree(config),
  transcriber: transcriberFor(config.transcription),
});
