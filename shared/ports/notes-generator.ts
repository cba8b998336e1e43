import type { ChunkNotes, NotesEngine, TokenUsage } from '../contracts/notes';
import type { Chunk } from '../contracts/transcript';

/** Turns one transcript chunk into study notes, in the chunk's language. */
export interface NotesGenerator {
  readonly engine: NotesEngine;
  generate(chunk: Chunk): Promise<{ notes: ChunkNotes; usage: TokenUsage }>;
}
