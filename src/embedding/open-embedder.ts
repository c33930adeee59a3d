/**
 * Opening a model's embedder from this machine: the main-thread embedder (loading in the
 * background when the store already records the model, so nothing has to be probed first), and a
 * worker pool over it for big batches when threads are configured. Used at start and when a
 * running service follows the store to another model.
 */
import type { Embedder, EmbeddingInput } from './embedder.js';
import { createLazyEmbedder, type LazyEmbedder } from './lazy-embedder.js';
import { resolveModelFiles } from './model-files.js';
import { modelSettings } from './model-registry.js';
import {
  createWorkerPoolEmbedder,
  type WorkerPoolEmbedderOptions,
} from './worker-pool-embedder.js';
import { createXenovaEmbedder, type XenovaEmbedderOptions } from './xenova-embedder.js';

/** A model id and its vector length, as the store records them. */
export interface ModelRecord {
  readonly modelId: string;
  readonly dimensions: number;
}

/** An opened embedder, and the pool's side-task result for an input it embedded (if any). */
export interface OpenedEmbedder {
  readonly embedder: Embedder;
  /** Settles when the model is loaded (absent: loaded already). */
  readonly loaded?: Promise<void>;
  precomputed(input: EmbeddingInput): unknown;
}

export interface OpenEmbedderOptions {
  readonly model: XenovaEmbedderOptions;
  /** The model and dimensions the store records, if any. */
  readonly stored: ModelRecord | undefined;
  /** Worker threads for big batches (0: none). */
  readonly threads: number;
  readonly sideTask?: WorkerPoolEmbedderOptions['sideTask'];
}

/** Opens `options.model` (see the module comment). */
export async function openEmbedder(options: OpenEmbedderOptions): Promise<OpenedEmbedder> {
  const { model } = options;
  const local = await mainThread(model, options.stored);
  const pool =
    options.threads > 0
      ? createWorkerPoolEmbedder({
          local,
          model,
          threads: options.threads,
          ...(options.sideTask ? { sideTask: options.sideTask } : {}),
        })
      : undefined;
  return {
    embedder: pool ?? local,
    ...('loaded' in local ? { loaded: local.loaded } : {}),
    precomputed: (input) => pool?.precomputed(input),
  };
}

/**
 * When the store already records this model (and its dimensions) the model loads in the
 * background after its files are checked; otherwise it is loaded first.
 */
async function mainThread(
  model: XenovaEmbedderOptions,
  stored: ModelRecord | undefined,
): Promise<Embedder | LazyEmbedder> {
  if (stored?.modelId !== model.modelId || model.allowRemoteModels) {
    return createXenovaEmbedder(model);
  }
  resolveModelFiles(model.modelsDir, model.modelId, modelSettings(model.modelId).quantized);
  return createLazyEmbedder({
    modelId: stored.modelId,
    dimensions: stored.dimensions,
    load: () => createXenovaEmbedder(model),
  });
}
