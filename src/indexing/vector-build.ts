/**
 * Building the vector index off the main thread: the main thread scans the store once and hands
 * each page's vectors to a worker thread (vector-build-worker.ts), which builds the HNSW graph
 * while the main thread builds the lexical index and the held articles from the same page. The
 * graph comes back through the snapshot the worker saves (the format every start reads), so it
 * also serves the next start. The same vectors in the same order give the same graph as a build
 * on the main thread (hnswlib's fixed seed).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../embedding/worker-pool-embedder.js';
import type { SnapshotMeta } from '../vector-index/persistent-index.js';

/** What the worker is started with. */
export interface VectorBuildData {
  /** The index snapshot folder the built index is saved in. */
  readonly folder: string;
  readonly dimensions: number;
  readonly capacity: number;
}

/** What the main thread sends: a page of vectors (concatenated), then `finish`. */
export type VectorBuildRequest =
  | { readonly type: 'add'; readonly ids: readonly string[]; readonly vectors: Float32Array }
  | {
      readonly type: 'finish';
      readonly info: { readonly generation: number; readonly modelId: string };
    };

/** What the worker answers. */
export type VectorBuildReply =
  | { readonly type: 'saved'; readonly meta: SnapshotMeta }
  | { readonly type: 'failed'; readonly reason: string };

/** A build running in a worker thread. */
export interface VectorBuild {
  /** Adds vectors (id i's at i * dimensions), in order; `vectors` is handed over, not copied. */
  add(ids: readonly string[], vectors: Float32Array): void;
  /** Saves the index as the snapshot of `info`; rejects with the worker's reason if it failed. */
  finish(info: { generation: number; modelId: string }): Promise<SnapshotMeta>;
  /** Ends the worker (after `finish`, or to give up). */
  stop(): Promise<void>;
}

function workerUrl(): URL {
  // Same extension as this module: .ts under tsx (dev, tests, `npm start`), .js when compiled.
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./vector-build-worker${extension}`, import.meta.url);
}

/** Starts a worker building an index of `data.dimensions` with room for `data.capacity`. */
export function startVectorBuild(data: VectorBuildData): VectorBuild {
  const worker: Worker = startModuleWorker(workerUrl(), data);
  let failure: Error | undefined;
  let settle: ((reply: VectorBuildReply) => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    settle?.({ type: 'failed', reason: failure.message });
  };
  worker.on('message', (reply: VectorBuildReply) =>
    reply.type === 'failed' ? fail(new Error(reply.reason)) : settle?.(reply),
  );
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the vector build thread ended')));
  return {
    add(ids, vectors) {
      if (!failure) {
        const request: VectorBuildRequest = { type: 'add', ids, vectors };
        worker.postMessage(request, [vectors.buffer as ArrayBuffer]);
      }
    },
    async finish(info) {
      const reply = await new Promise<VectorBuildReply>((resolve) => {
        settle = resolve;
        if (failure) {
          resolve({ type: 'failed', reason: failure.message });
        } else {
          worker.postMessage({ type: 'finish', info } satisfies VectorBuildRequest);
        }
      });
      if (reply.type === 'failed') {
        throw new Error(`the vector index could not be built off the main thread: ${reply.reason}`);
      }
      return reply.meta;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
