/**
 * The worker-thread entry of the worker-pool embedder: loads its own transformers.js embedder
 * (from `workerData`), says `ready` with the dimensions, then answers each `embed` message with
 * one flat Float32Array (transferred, not copied) of `count x dimensions` values. When given a
 * side task (a module URL and export, e.g. the lexical analyser), it also runs that function on
 * every input here, off the main thread, and returns its results beside the vectors.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { EmbeddingInput } from './embedder.js';
import { createXenovaEmbedder, type XenovaEmbedderOptions } from './xenova-embedder.js';

/** What the pool passes to each worker. */
export interface EmbedWorkerData {
  readonly model: XenovaEmbedderOptions;
  /** A function `(input: EmbeddingInput) => unknown` to run on every input too. */
  readonly sideTask?: { readonly moduleUrl: string; readonly exportName: string };
}

/** main -> worker */
export interface EmbedRequest {
  readonly id: number;
  readonly inputs: readonly EmbeddingInput[];
}

/** Asks the worker to release its model and end (the pool's orderly stop). */
export interface StopRequest {
  readonly stop: true;
}

/** worker -> main */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly dimensions: number }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly data: Float32Array;
      readonly side?: readonly unknown[];
    }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly code: string;
      readonly message: string;
    };

function describe(error: unknown): { code: string; message: string } {
  if (isAppError(error)) {
    return { code: error.code, message: error.detail };
  }
  return {
    code: 'EMBEDDING_FAILED',
    message: error instanceof Error ? error.message : String(error),
  };
}

async function loadSideTask(
  task: EmbedWorkerData['sideTask'],
): Promise<((input: EmbeddingInput) => unknown) | undefined> {
  if (task === undefined) {
    return undefined;
  }
  const module = (await import(task.moduleUrl)) as Record<string, unknown>;
  const run = module[task.exportName];
  if (typeof run !== 'function') {
    throw new Error(`${task.moduleUrl} has no function ${task.exportName}`);
  }
  return run as (input: EmbeddingInput) => unknown;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) {
    return;
  }
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  const data = workerData as EmbedWorkerData;
  let embedder: Awaited<ReturnType<typeof createXenovaEmbedder>>;
  let side: ((input: EmbeddingInput) => unknown) | undefined;
  try {
    embedder = await createXenovaEmbedder(data.model);
    side = await loadSideTask(data.sideTask);
  } catch (error) {
    send({ type: 'failed', ...describe(error) });
    return;
  }
  port.on('message', async (request: EmbedRequest | StopRequest) => {
    if ('stop' in request) {
      // Released here, in the worker's own thread: terminating a thread that holds an ONNX
      // session can corrupt the native heap of the whole process.
      await embedder.dispose();
      port.close();
      return;
    }
    try {
      const vectors = await embedder.embed(request.inputs);
      const flat = new Float32Array(vectors.length * embedder.dimensions);
      vectors.forEach((vector, i) => {
        flat.set(vector, i * embedder.dimensions);
      });
      const extras = side ? request.inputs.map(side) : undefined;
      send({ type: 'result', id: request.id, data: flat, side: extras }, [flat.buffer]);
    } catch (error) {
      send({ type: 'error', id: request.id, ...describe(error) });
    }
  });
  send({ type: 'ready', dimensions: embedder.dimensions });
}

await main();
