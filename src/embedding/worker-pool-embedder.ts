/**
 * An Embedder that spreads big batches over worker threads, each running its own transformers.js
 * embedder (`embed-worker.ts`), so ingest and reindex use every core while the main thread stores
 * and indexes. Small batches (a single upsert, a draft preview) stay on the main-thread embedder,
 * which also gives the pool its identity. Workers start on the first big batch (start-up stays
 * fast), are unref'd while idle, and a worker that dies is replaced on the next big batch.
 * Workers live until `dispose` (they are not stopped when idle): a worker thread that has loaded
 * onnxruntime and exits while the process goes on using it was seen to corrupt the native heap.
 * At `dispose` each worker releases its model itself before it ends.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';
import type { EmbedRequest, EmbedWorkerData, StopRequest, WorkerMessage } from './embed-worker.js';
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
  /**
   * A function `(input) => result` (module URL and export name) the workers also run on every
   * input of a big batch; `precomputed(input)` then hands its result to the caller.
   */
  readonly sideTask?: EmbedWorkerData['sideTask'];
}

/** The pool: an Embedder, plus the side task's result for inputs embedded in a worker. */
export interface WorkerPoolEmbedder extends Embedder {
  /** The side task's result for `input` (the very object passed to `embed`), if a worker ran it. */
  precomputed(input: EmbeddingInput): unknown;
}

interface Task {
  readonly inputs: readonly EmbeddingInput[];
  resolve(result: { vectors: Float32Array[]; side?: readonly unknown[] }): void;
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
export function createWorkerPoolEmbedder(options: WorkerPoolEmbedderOptions): WorkerPoolEmbedder {
  const { local } = options;
  const threads = Math.max(1, Math.floor(options.threads));
  const minBatch = options.minParallelBatch ?? 64;
  const chunkSize = Math.max(1, options.chunkSize ?? 32);
  const url = options.workerUrl ?? defaultWorkerUrl();
  const queue: Task[] = [];
  const sideResults = new WeakMap<EmbeddingInput, unknown>();
  let workers: Promise<PoolWorker>[] = [];
  let disposed = false;

  const stopAll = async () => {
    const stopping = workers;
    workers = [];
    const settled = await Promise.allSettled(stopping);
    await Promise.all(
      settled.map((s) => (s.status === 'fulfilled' ? stopWorker(s.value.worker) : undefined)),
    );
  };

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
      const workerData: EmbedWorkerData = { model: options.model, sideTask: options.sideTask };
      const worker = startModuleWorker(url, workerData);
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
            task?.resolve({ vectors: split(message.data, local.dimensions), side: message.side });
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

  const spread = async (inputs: readonly EmbeddingInput[]): Promise<Float32Array[]> => {
    const pool = await ensureWorkers();
    const chunks: Promise<Float32Array[]>[] = [];
    for (let i = 0; i < inputs.length; i += chunkSize) {
      const part = inputs.slice(i, i + chunkSize);
      chunks.push(
        new Promise<{ vectors: Float32Array[]; side?: readonly unknown[] }>((resolve, reject) => {
          queue.push({ inputs: part, resolve, reject });
        }).then(({ vectors, side }) => {
          side?.forEach((result, n) => {
            const input = part[n];
            if (input !== undefined) {
              sideResults.set(input, result);
            }
          });
          return vectors;
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
    precomputed: (input) => sideResults.get(input),
    embed(inputs) {
      if (disposed || inputs.length < minBatch) {
        return local.embed(inputs);
      }
      return spread(inputs);
    },
    async dispose() {
      disposed = true;
      await stopAll();
      await local.dispose();
    },
  };
}

/**
 * A worker running the module at `url`. A .ts module is loaded through tsx's ESM API, registered
 * inside the worker first: on Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's
 * entry module ("Unknown file extension .ts").
 */
export function startModuleWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) {
    return new Worker(url, { workerData });
  }
  const entry = JSON.stringify(url.href);
  const bootstrap = `import('tsx/esm/api').then((a) => { a.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function split(data: Float32Array, dimensions: number): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let offset = 0; offset < data.length; offset += dimensions) {
    vectors.push(data.slice(offset, offset + dimensions));
  }
  return vectors;
}

/** How long a worker gets to release its model and end before it is terminated. */
const STOP_GRACE_MS = 5_000;

/** Asks `worker` to release its model and end; terminates it if it has not within the grace. */
async function stopWorker(worker: Worker): Promise<void> {
  if (worker.threadId < 0) {
    return;
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ stop: true } satisfies StopRequest);
  worker.ref();
  const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
