import type { NotesGenerator } from '../../shared/ports/notes-generator';
import type { Transcriber } from '../../shared/ports/transcriber';
import { AssemblyAiTranscriber } from '../adapters/assemblyai-transcriber';
import { OfflineNotesGenerator } from '../adapters/offline-notes/offline-notes-generator';
import { OpenAiNotesGenerator } from '../adapters/openai-notes-generator';
import type { RuntimeConfig } from './config';
import { ASSEMBLYAI_BUDGET, OPENAI_BUDGET } from './provider-budgets';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** Everything a handler may use. Handlers declare the part they need with `Pick`. */
export interface Dependencies extends ProviderFreeDependencies {
  /** Undefined when no speech-to-text provider is configured: audio jobs then fail fast, captions still work. */
  transcriber: Transcriber | undefined;
  notes: NotesGenerator;
}

function notesGeneratorFor(notes: RuntimeConfig['notes']): NotesGenerator {
  const reachable = Boolean(notes.apiKey || notes.baseUrl);
  if (notes.engine === 'offline' || (notes.engine === 'auto' && !reachable)) return new OfflineNotesGenerator();
  if (!reachable) {
    throw new Error('NOTES_ENGINE is openai but OPENAI_API_KEY is not set (or set OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  // Local OpenAI-compatible servers (Ollama, vLLM) take any key; the SDK insists on one.
  return new OpenAiNotesGenerator({
    apiKey: notes.apiKey ?? 'local',
    baseURL: notes.baseUrl,
    model: notes.model,
    reasoningEffort: notes.reasoningEffort,
    timeoutMs: OPENAI_BUDGET.requestTimeoutMs,
    maxRetries: OPENAI_BUDGET.sdkRetries,
    malformedRetries: OPENAI_BUDGET.malformedRetries,
  });
}

/** The one place where ports meet their adapters, in AWS and in the local runtime alike. */
export function composeDependencies(config: RuntimeConfig): Dependencies {
  const { transcription } = config;
  return {
    ...composeProviderFree(config),
    transcriber: transcription.apiKey
      ? new AssemblyAiTranscriber({
          apiKey: transcription.apiKey,
          baseUrl: transcription.baseUrl,
          speechModel: transcription.speechModel,
          requestTimeoutMs: ASSEMBLYAI_BUDGET.requestTimeoutMs,
          retries: ASSEMBLYAI_BUDGET.retries,
        })
      : undefined,
    notes: notesGeneratorFor(config.notes),
  };
}
