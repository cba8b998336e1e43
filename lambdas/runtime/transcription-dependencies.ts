import type { Transcriber } from '../../shared/ports/transcriber';
import { AssemblyAiTranscriber } from '../adapters/assemblyai-transcriber';
import { OpenAiCompatibleTranscriber } from '../adapters/openai-compatible-transcriber';
import { transcriptionConfigured, type RuntimeConfig } from './config';
import { ASSEMBLYAI_BUDGET, OPENAI_TRANSCRIPTION_BUDGET } from './provider-budgets';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** What the transcription steps use: the AWS services and the speech-to-text provider, no notes engine. */
export interface TranscriptionDependencies extends ProviderFreeDependencies {
  /** Undefined when no speech-to-text provider is configured: audio jobs then fail fast, captions still work. */
  transcriber: Transcriber | undefined;
}

/** The configured speech-to-text provider; a synchronous one keeps its answer in the bucket until the check. */
export function transcriberFor(config: RuntimeConfig, objects: ProviderFreeDependencies['objects']): Transcriber | undefined {
  const { transcription } = config;
  if (!transcriptionConfigured(transcription)) return undefined;
  if (transcription.provider === 'openai') {
    return new OpenAiCompatibleTranscriber({
      apiKey: transcription.apiKey,
      baseURL: transcription.baseUrl,
      model: transcription.speechModel,
      objects,
      // The config sets it whenever the provider is openai.
      maxAudioBytes: config.limits.maxAudioBytes ?? 0,
      requestTimeoutMs: OPENAI_TRANSCRIPTION_BUDGET.requestTimeoutMs,
      downloadTimeoutMs: OPENAI_TRANSCRIPTION_BUDGET.downloadTimeoutMs,
    });
  }
  return new AssemblyAiTranscriber({
    apiKey: transcription.apiKey ?? '',
    baseUrl: transcription.baseUrl,
    speechModel: transcription.speechModel,
    requestTimeoutMs: ASSEMBLYAI_BUDGET.requestTimeoutMs,
    retries: ASSEMBLYAI_BUDGET.retries,
  });
}

export function composeTranscription(config: RuntimeConfig): TranscriptionDependencies {
  const providerFree = composeProviderFree(config);
  return { ...providerFree, transcriber: transcriberFor(config, providerFree.objects) };
}
