import type { NotesGenerator } from '../../shared/ports/notes-generator';
import type { NotesReducer } from '../../shared/ports/notes-reducer';
import type { Transcriber } from '../../shared/ports/transcriber';
import { AssemblyAiTranscriber } from '../adapters/assemblyai-transcriber';
import { OpenAiCompatibleTranscriber } from '../adapters/openai-compatible-transcriber';
import { OfflineNotesGenerator } from '../adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../adapters/offline-notes/offline-notes-reducer';
import type { OpenAiChatOptions } from '../adapters/openai-structured-chat';
import { OpenAiNotesGenerator } from '../adapters/openai-notes-generator';
import { OpenAiNotesReducer } from '../adapters/openai-notes-reducer';
import { transcriptionConfigured, type RuntimeConfig } from './config';
import { ASSEMBLYAI_BUDGET, OPENAI_BUDGET, OPENAI_TRANSCRIPTION_BUDGET } from './provider-budgets';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** Everything a handler may use. Handlers declare the part they need with `Pick`. */
export interface Dependencies extends ProviderFreeDependencies {
  /** Undefined when no speech-to-text provider is configured: audio jobs then fail fast, captions still work. */
  transcriber: Transcriber | undefined;
  notes: NotesGenerator;
  /** The pass over the whole lecture's merged notes, by the same engine as `notes`. */
  reducer: NotesReducer;
}

type NotesEngines = Pick<Dependencies, 'notes' | 'reducer'>;

/** The chunk notes and the reduce over them come from one engine, chosen by one rule. */
function notesEnginesFor(notes: RuntimeConfig['notes']): NotesEngines {
  const reachable = Boolean(notes.apiKey || notes.baseUrl);
  if (notes.engine === 'offline' || (notes.engine === 'auto' && !reachable)) {
    return { notes: new OfflineNotesGenerator(), reducer: new OfflineNotesReducer() };
  }
  if (!reachable) {
    throw new Error('NOTES_ENGINE is openai but OPENAI_API_KEY is not set (or set OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  const options: OpenAiChatOptions = {
    // Local OpenAI-compatible servers (Ollama, vLLM) take any key; the SDK insists on one.
    apiKey: notes.apiKey ?? 'local',
    baseURL: notes.baseUrl,
    model: notes.model,
    reasoningEffort: notes.reasoningEffort,
    timeoutMs: OPENAI_BUDGET.requestTimeoutMs,
    maxRetries: OPENAI_BUDGET.sdkRetries,
    malformedRetries: OPENAI_BUDGET.malformedRetries,
  };
  return { notes: new OpenAiNotesGenerator(options), reducer: new OpenAiNotesReducer(options) };
}

/** The configured speech-to-text provider; a synchronous one keeps its answer in the bucket until the check. */
function transcriberFor(config: RuntimeConfig, objects: Dependencies['objects']): Transcriber | undefined {
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

/** The one place where ports meet their adapters, in AWS and in the local runtime alike. */
export function composeDependencies(config: RuntimeConfig): Dependencies {
  const providerFree = composeProviderFree(config);
  return {
    ...providerFree,
    transcriber: transcriberFor(config, providerFree.objects),
    ...notesEnginesFor(config.notes),
  };
}
