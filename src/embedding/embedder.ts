/**
 * The Embedder role: turns articles into unit vectors. Adapters: `xenova-embedder.ts` (the real
 * model through transformers.js) and `fake-embedder.ts` (deterministic, for unit tests only).
 */

import type { EmbeddingInput } from '../articles/embedding-text.js';
import { AppError } from '../errors.js';

export type { EmbeddingInput };

export interface Embedder {
  /** The model id that made the vectors; stored beside them so two models are never mixed. */
  readonly modelId: string;
  /** Vector length, read from the model. */
  readonly dimensions: number;
  /**
   * One L2-normalized vector per input, in order. Long bodies are chunked within the model's
   * maximum length and pooled, with the title weighted above any one chunk.
   */
  embed(inputs: readonly EmbeddingInput[]): Promise<Float32Array[]>;
  /** Releases the model (ONNX session, worker threads). */
  dispose(): Promise<void>;
}

/**
 * `embedAll` as an Embedder's `embed`: no input embeds nothing, and any failure that is not
 * already an AppError becomes EMBEDDING_FAILED naming the model.
 */
export function guardedEmbed(
  modelId: string,
  embedAll: (inputs: readonly EmbeddingInput[]) => Float32Array[] | Promise<Float32Array[]>,
): Embedder['embed'] {
  return async (inputs) => {
    if (inputs.length === 0) {
      return [];
    }
    try {
      return await embedAll(inputs);
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      throw new AppError('EMBEDDING_FAILED', `Model "${modelId}" failed to embed`, {
        cause: error,
      });
    }
  };
}
