import { parentPort } from 'node:worker_threads';
import { OfflineNotesGenerator } from '../../lambdas/adapters/offline-notes/offline-notes-generator';
import type { Chunk } from '../../shared/contracts/transcript';

/* One thread of the offline notes pool (offline-notes-pool.ts): the same
   engine, off the local runtime's event loop. */

export interface NotesRequest {
  id: number;
  chunk: Chunk;
}

export type NotesReply =
  | { id: number; result: Awaited<ReturnType<OfflineNotesGenerator['generate']>> }
  | { id: number; error: { name: string; message: string } };

const generator = new OfflineNotesGenerator();
const port = parentPort;
if (!port) throw new Error('offline-notes-worker runs as a worker thread of the offline notes pool.');

port.on('message', async ({ id, chunk }: NotesRequest) => {
  let reply: NotesReply;
  try {
    reply = { id, result: await generator.generate(chunk) };
  } catch (error) {
    reply = { id, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(reply);
});
