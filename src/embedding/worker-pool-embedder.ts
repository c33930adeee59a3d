/**
 * An Embedder that spreads big batches over worker threads, each running its own transformers.js
 * embedder (`embed-worker.ts`), so ingest and reindex use every core while the main thread stores
 * and indexes. Small batches (a single upsert, a draft preview) stay on the main-thread embedder,
 * which also gives the pool its identity. Workers start on the first big batch (start-up stays
 * fast), are unref'd while idle, and a worker that dies is replaced on the next big batch.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';
import type { EmbedRequest, WorkerMessage } from './embed-worker.js';
import type { Embedder, EmbeddingInput } from './embedder.js';
import type { XenovaEmbedderOptions } from './xenova-embedder.js';

export interface WorkerPoolEmbedderOptions {
  /** The main-thread embedder: small batches, model id and dimensions. */
  readonly local: Embedder;
  /** How each worker loads the model (the same model as `local`). */
  readonly model: XenovaEmbedderOptions;
  /** Worker threads (at least 1). */
  readonly threads: number;
  /** Batches smaller than this stay on the main thread (default 64). */
  readonly minParallelBatch?: number;
  /** Articles per message to a worker (default 32): small enough to balance the workers. */
  readonly chunkSize?: number;
  /** The worker entry (tests); `embed-worker` beside this file by default. */
  readonly workerUrl?: URL;
}

interface Task {
  readonly inputs: readonly EmbeddingInput[];
  resolve(vectors: Float32Array[]): void;
  reject(error: AppError): void;
}

interface PoolWorker {
  readonly worker: Worker;
  busy: Task | undefined;
}

const toAppError = (code: string, message: string) =>
  new AppError((code === 'MODEL_NOT_FOUND' ? code : 'EMBEDDING_FAILED') as ErrorCode, message);

function defaultWorkerUrl(): URL {
  // Same extension as this module: .ts under tsx (dev, tests, `npm start`), .js when compiled.
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./embed-worker${extension}`, import.meta.url);
}

/** Creates the pool; no worker starts until the first batch of `minParallelBatch` or more. */
export function createWorkerPoolEmbedder(options: WorkerPoolEmbedderOptions): Embedder {
  const { local } = options;
  const threads = Math.max(1, Math.floor(options.threads));
  const minBatch = options.minParallelBatch ?? 64;
  const chunkSize = Math.max(1, options.chunkSize ?? 32);
  const url = options.workerUrl ?? defaultWorkerUrl();
  const queue: Task[] = [];
  let workers: Promise<PoolWorker>[] = [];
  let disposed = false;

  const dispatch = (slot: PoolWorker) => {
    const task = slot.busy === undefined ? queue.shift() : undefined;
    if (task === undefined) {
      if (slot.busy === undefined) {
        slot.worker.unref();
      }
      return;
    }
    slot.busy = task;
    slot.worker.ref();
    slot.worker.postMessage({ id: 0, inputs: task.inputs } satisfies EmbedRequest);
  };

  const start = (): Promise<PoolWorker> => {
    const started: Promise<PoolWorker> = new Promise((resolve, reject) => {
      const worker = spawnWorker(url, options.model);
      const slot: PoolWorker = { worker, busy: undefined };
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          if (message.dimensions !== local.dimensions) {
            void worker.terminate();
            reject(toAppError('EMBEDDING_FAILED', 'A worker loaded a model of other dimensions'));
            return;
          }
          resolve(slot);
          dispatch(slot);
        } else if (message.type === 'failed') {
          reject(toAppError(message.code, message.message));
        } else {
          const task = slot.busy;
          slot.busy = undefined;
          if (message.type === 'result') {
            task?.resolve(split(message.data, local.dimensions));
          } else {
            task?.reject(toAppError(message.code, message.message));
          }
          dispatch(slot);
        }
      });
      const lost = (reason: string) => {
        workers = workers.filter((w) => w !== started);
        slot.busy?.reject(toAppError('EMBEDDING_FAILED', `An embedding worker ${reason}`));
        slot.busy = undefined;
        if (!ready) {
          reject(toAppError('EMBEDDING_FAILED', `An embedding worker ${reason} while loading`));
        }
      };
      worker.on('error', (error) => lost(`failed: ${error.message}`));
      worker.on('exit', (code) => lost(`exited (code ${code})`));
    });
    // A start that fails is dropped from the pool (by `lost`), so the next big batch retries.
    started.catch(() => {});
    return started;
  };

  const ensureWorkers = async (): Promise<PoolWorker[]> => {
    while (workers.length < threads) {
      workers.push(start());
    }
    return Promise.all(workers);
  };

  const parallel = async (inputs: readonly EmbeddingInput[]): Promise<Float32Array[]> => {
    const pool = await ensureWorkers();
    const chunks: Promise<Float32Array[]>[] = [];
    for (let i = 0; i < inputs.length; i += chunkSize) {
      chunks.push(
        new Promise((resolve, reject) => {
          queue.push({ inputs: inputs.slice(i, i + chunkSize), resolve, reject });
        }),
      );
    }
    for (const slot of pool) {
      dispatch(slot);
    }
    return (await Promise.all(chunks)).flat();
  };

  return {
    modelId: local.modelId,
    dimensions: local.dimensions,
    embed(inputs) {
      if (disposed || inputs.length < minBatch) {
        return local.embed(inputs);
      }
      return parallel(inputs);
    },
    async dispose() {
      disposed = true;
      const started = await Promise.allSettled(workers);
      workers = [];
      await Promise.all(
        started.map((s) => (s.status === 'fulfilled' ? s.value.worker.terminate() : undefined)),
      );
      await local.dispose();
    },
  };
}

/**
 * A worker running `url`. A .ts entry is loaded through tsx's ESM API, registered inside the
 * worker first: on Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's entry module.
 */
function spawnWorker(url: URL, workerData: XenovaEmbedderOptions): Worker {
  if (!url.pathname.endsWith('.ts')) {
    return new Worker(url, { workerData });
  }
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function split(data: Float32Array, dimensions: number): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let offset = 0; offset < data.length; offset += dimensions) {
    vectors.push(data.slice(offset, offset + dimensions));
  }
  return vectors;
}
