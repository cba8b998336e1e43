import type { NotesGenerator } from '../../shared/ports/notes-generator';
import type { NotesReducer } from '../../shared/ports/notes-reducer';
import { OfflineNotesGenerator } from '../adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../adapters/offline-notes/offline-notes-reducer';
import type { OpenAiChatOptions } from '../adapters/openai-structured-chat';
import { OpenAiNotesGenerator } from '../adapters/openai-notes-generator';
import { OpenAiNotesReducer } from '../adapters/openai-notes-reducer';
import type { RuntimeConfig } from './config';
import { OPENAI_BUDGET } from './provider-budgets';
import { composeProviderFree, type ProviderFreeDependencies } from './provider-free-dependencies';

/** What the notes steps use: the AWS services and one notes engine, no speech-to-text provider. */
export interface NotesDependencies extends ProviderFreeDependencies {
  notes: NotesGenerator;
  /** The pass over the whole lecture's merged notes, by the same engine as `notes`. */
  reducer: NotesReducer;
}

/** The chunk notes and the reduce over them come from one engine, chosen by one rule. */
export function notesEnginesFor(notes: RuntimeConfig['notes']): Pick<NotesDependencies, 'notes' | 'reducer'> {
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

export const composeNotes = (config: RuntimeConfig): NotesDependencies => ({
  ...composeProviderFree(config),
  ...notesEnginesFor(config.notes),
});
