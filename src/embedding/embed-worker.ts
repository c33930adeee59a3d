/**
 * The worker-thread entry of the worker-pool embedder: loads its own transformers.js embedder
 * (from `workerData`), says `ready` with the dimensions, then answers each `embed` message with
 * one flat Float32Array (transferred, not copied) of `count x dimensions` values.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { EmbeddingInput } from './embedder.js';
import { createXenovaEmbedder, type XenovaEmbedderOptions } from './xenova-embedder.js';

/** main -> worker */
export interface EmbedRequest {
  readonly id: number;
  readonly inputs: readonly EmbeddingInput[];
}

/** worker -> main */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly dimensions: number }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly data: Float32Array }
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

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) {
    return;
  }
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  let embedder: Awaited<ReturnType<typeof createXenovaEmbedder>>;
  try {
    embedder = await createXenovaEmbedder(workerData as XenovaEmbedderOptions);
  } catch (error) {
    send({ type: 'failed', ...describe(error) });
    return;
  }
  port.on('message', async (request: EmbedRequest) => {
    try {
      const vectors = await embedder.embed(request.inputs);
      const data = new Float32Array(vectors.length * embedder.dimensions);
      vectors.forEach((vector, i) => {
        data.set(vector, i * embedder.dimensions);
      });
      send({ type: 'result', id: request.id, data }, [data.buffer]);
    } catch (error) {
      send({ type: 'error', id: request.id, ...describe(error) });
    }
  });
  send({ type: 'ready', dimensions: embedder.dimensions });
}

await main();
