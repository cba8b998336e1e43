import type { ChunkNotes, NotesEngine, TokenUsage } from '../contracts/notes';
import type { NotesRequest } from '../contracts/job';
import type { Chunk } from '../contracts/transcript';

/** Turns one transcript chunk into study notes, in the chunk's language and the requested style. */
export interface NotesGenerator {
  readonly engine: NotesEngine;
  generate(chunk: Chunk, request: NotesRequest): Promise<{ notes: ChunkNotes; usage: TokenUsage }>;
}
