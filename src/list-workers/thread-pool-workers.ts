/**
 * PoolWorkers over worker threads: `start` saves the index snapshots (the copies the workers
 * load, see pool-worker.ts) and starts the threads on them; batches go to the worker with the
 * fewest outstanding; `stop` ends every thread, failing what is still outstanding.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../embedding/worker-pool-embedder.js';
import type {
  PoolWorkers,
  PreparedCopies,
  WorkerPool,
  WorkersStarted,
} from '../recommend/pool-workers.js';
import type { SettingsOverrides } from '../recommend/settings.js';
import type { PoolWorkerData, PoolWorkerMessage, PoolWorkerRequest } from './protocol.js';

export interface ThreadPoolWorkersOptions {
  readonly threads: number;
  readonly dataDir: string;
  /** The PostgreSQL store's URL, when the store is one (else SQLite in `dataDir`). */
  readonly storeUrl?: string;
  readonly modelId: string;
  readonly dimensions: number;
  /** Saves the vector, lexical (and held articles) snapshots as the indexes are now. */
  readonly prepare: () => Promise<PreparedCopies>;
  readonly settings?: SettingsOverrides;
  readonly log: (message: string) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (p: WorkerPool[]) => void; reject: (e: Error) => void }>;
}

function workerUrl(): URL {
  // Same extension as this module: .ts under tsx (dev, tests, `npm start`), .js when compiled.
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./pool-worker${extension}`, import.meta.url);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Creates the pool; no thread runs until `start`. */
export function createThreadPoolWorkers(options: ThreadPoolWorkersOptions): PoolWorkers {
  let threads: Thread[] = [];
  let nextId = 0;

  const fail = (thread: Thread, error: Error) => {
    for (const { reject } of thread.pending.values()) {
      reject(error);
    }
    thread.pending.clear();
  };
  const spawn = (data: PoolWorkerData): Promise<Thread> =>
    new Promise((resolve, reject) => {
      const thread: Thread = { worker: startModuleWorker(workerUrl(), data), pending: new Map() };
      thread.worker.on('message', (message: PoolWorkerMessage) => {
        if (message.type === 'ready') {
          resolve(thread);
        } else if (message.type === 'failed') {
          reject(new Error(message.reason));
        } else {
          thread.pending.get(message.id)?.resolve(message.pools);
          thread.pending.delete(message.id);
        }
      });
      thread.worker.on('error', (error) => {
        reject(error);
        fail(thread, error);
      });
      thread.worker.on('exit', () => {
        reject(new Error('the worker ended before it was ready'));
        fail(thread, new Error('the list worker ended'));
      });
    });
  const stopAll = () => {
    for (const thread of threads) {
      fail(thread, new Error('the list workers were stopped'));
      thread.worker.postMessage({ stop: true } satisfies PoolWorkerRequest);
    }
    threads = [];
  };

  return {
    capacity: 2 * Math.max(1, options.threads),
    async start(): Promise<WorkersStarted | undefined> {
      stopAll();
      const t0 = performance.now();
      const copies = await options.prepare();
      const t1 = performance.now();
      const data: PoolWorkerData = {
        dataDir: options.dataDir,
        ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}),
        modelId: options.modelId,
        dimensions: options.dimensions,
        generation: copies.generation,
        token: copies.token,
        background: copies.background,
        settings: options.settings,
      };
      const starting = Array.from({ length: Math.max(1, options.threads) }, () => spawn(data));
      const settled = await Promise.allSettled(starting);
      threads = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) {
        options.log(`lists: worker threads not used: ${String(failed.reason)}`);
        stopAll();
        return undefined;
      }
      options.log(
        `lists: ${threads.length} worker threads compute lists (generation ${copies.generation}; ` +
          `copies saved in ${seconds(t1 - t0)} s, loaded in ${seconds(performance.now() - t1)} s)`,
      );
      return { generation: copies.generation, statistics: copies.statistics };
    },
    compute(ids) {
      const thread = threads.reduce<Thread | undefined>(
        (best, t) => (best === undefined || t.pending.size < best.pending.size ? t : best),
        undefined,
      );
      if (!thread) {
        return Promise.reject(new Error('no list worker is running'));
      }
      nextId += 1;
      const id = nextId;
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, ids } satisfies PoolWorkerRequest);
      });
    },
    stop: stopAll,
  };
}
