/**
 * An Embedder whose model loads in the background: the service is ready to answer related lists
 * for stored articles (which need no model, only the stored vectors) before the tokenizer and the
 * ONNX session are up, and the first embedding waits for them. Used when the store already
 * records the model and its dimensions, so nothing has to be probed first.
 */
import { AppError } from '../errors.js';
import type { Embedder, EmbeddingInput } from './embedder.js';

export interface LazyEmbedderOptions {
  readonly modelId: string;
  /** The dimensions the store records for `modelId`; the loaded model must agree. */
  readonly dimensions: number;
  /** Loads the real embedder (started at once, awaited by the first call). */
  readonly load: () => Promise<Embedder>;
}

/** An Embedder loading in the background; `loaded` settles when the model is up (or failed). */
export interface LazyEmbedder extends Embedder {
  readonly loaded: Promise<void>;
}

/** Starts loading now and answers `embed` once loaded. */
export function createLazyEmbedder(options: LazyEmbedderOptions): LazyEmbedder {
  const loading = options.load().then((embedder) => {
    if (embedder.modelId !== options.modelId || embedder.dimensions !== options.dimensions) {
      throw new AppError(
        'MODEL_MISMATCH',
        `The model ${embedder.modelId} gives ${embedder.dimensions} dimensions; the store holds ${options.dimensions} of ${options.modelId}`,
      );
    }
    return embedder;
  });
  const loaded = loading.then(() => undefined);
  // A failed load is reported by the calls that need the model, not as an unhandled rejection.
  loaded.catch(() => undefined);
  return {
    loaded,
    modelId: options.modelId,
    dimensions: options.dimensions,
    async embed(inputs: readonly EmbeddingInput[]) {
      return (await loading).embed(inputs);
    },
    async dispose() {
      const embedder = await loading.catch(() => undefined);
      await embedder?.dispose();
    },
  };
}
