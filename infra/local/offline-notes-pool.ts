import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OFFLINE_NOTES_ENGINE } from '../../lambdas/adapters/offline-notes/offline-notes-generator';
import type { ChunkNotes, TokenUsage } from '../../shared/contracts/notes';
import type { Chunk } from '../../shared/contracts/transcript';
import type { NotesGenerator } from '../../shared/ports/notes-generator';
import type { NotesReply, NotesRequest } from './offline-notes-worker';

type Result = { notes: ChunkNotes; usage: TokenUsage };

interface Pending {
  request: NotesRequest;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  busy?: Pending;
}

/** The threads to use: every core but one, which the stand-in servers and the handlers keep. */
export const defaultNotesThreads = () => Math.max(1, availableParallelism() - 1);

const WORKER_URL = new URL('./offline-notes-worker.ts', import.meta.url);
/* The worker is TypeScript: it loads through tsx's loader, given by path, so
   it works under `tsx` (npm start, npm run notes) and under vitest alike;
   inherited flags are not passed on (some, like --expose-gc, are refused in
   a worker). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The offline engine on worker threads. In Lambda each invocation has its own
 * CPU, but the local runtime runs every handler and every stand-in server on
 * one event loop: a chunk's notes (up to half a second of CPU) would stall
 * storage, the database and status polls for everyone. Here the engine runs
 * beside them. Threads start on first use and are replaced if one dies.
 */
export class OfflineNotesPool implements NotesGenerator {
  readonly engine = OFFLINE_NOTES_ENGINE;
  readonly #size: number;
  readonly #threads: Thread[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 0;
  #closed = false;

  constructor({ threads = defaultNotesThreads() }: { threads?: number } = {}) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`The offline notes pool needs at least one thread; ${threads} were asked for.`);
    this.#size = threads;
  }

  generate(chunk: Chunk): Promise<Result> {
    if (this.#closed) return Promise.reject(new Error('The offline notes pool is closed.'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ request: { id: this.#nextId++, chunk }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Ends the threads; notes still queued or in progress fail. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('The offline notes pool closed before these notes were made.'));
    await Promise.all(this.#threads.splice(0).map(({ worker }) => worker.terminate()));
  }

  #dispatch() {
    while (this.#queue.length) {
      const thread = this.#threads.find((candidate) => !candidate.busy) ?? (this.#threads.length < this.#size ? this.#spawn() : undefined);
      if (!thread) return;
      const pending = this.#queue.shift()!;
      thread.busy = pending;
      thread.worker.postMessage(pending.request);
    }
  }

  #spawn(): Thread {
    const thread: Thread = { worker: new Worker(WORKER_URL, { execArgv: ['--import', TSX_LOADER] }) };
    thread.worker.on('message', (reply: NotesReply) => {
      const pending = thread.busy;
      thread.busy = undefined;
      if (pending?.request.id === reply.id) {
        if ('result' in reply) pending.resolve(reply.result);
        else pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      }
      this.#dispatch();
    });
    const lost = (reason: string) => {
      const index = this.#threads.indexOf(thread);
      if (index < 0) return;
      this.#threads.splice(index, 1);
      thread.busy?.reject(new Error(`The offline notes thread stopped while making notes (${reason}).`));
      if (!this.#closed) this.#dispatch();
    };
    thread.worker.on('error', (error) => lost(error.message));
    thread.worker.on('exit', (code) => lost(`exit code ${code}`));
    this.#threads.push(thread);
    return thread;
  }
}
