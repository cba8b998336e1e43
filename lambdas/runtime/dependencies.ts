import type { RuntimeConfig } from './config';
import { notesEnginesFor, type NotesDependencies } from './notes-dependencies';
import { composeProviderFree } from './provider-free-dependencies';
import { transcriberFor, type TranscriptionDependencies } from './transcription-dependencies';

/**
 * Everything a handler may use. Each Lambda composes only its part (composeTranscription,
 * composeNotes, composeProviderFree), so it bundles no provider SDK it never calls;
 * the local runtime, which runs every function in one process, composes all of it once.
 */
export interface Dependencies extends TranscriptionDependencies, NotesDependencies {}

/** The one place where ports meet their adapters for the whole app, as the local runtime wires it. */
export function composeDependencies(config: RuntimeConfig): Dependencies {
  const providerFree = composeProviderFree(config);
  return { ...providerFree, transcriber: transcriberFor(config, providerFree.objects), ...notesEnginesFor(config.notes) };
}
