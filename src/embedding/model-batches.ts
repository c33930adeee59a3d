/**
 * Running a model with context batch by batch: the int64 inputs of a padded batch (ids, attention
 * mask, token types), each sequence's token vectors pooled in typed-array loops, and the Embedder
 * over it (probed once for its dimensions). The ONNX call itself is the adapter's (`RunIds`), so
 * nothing here knows transformers.js.
 */
import { AppError } from '../errors.js';
import { type SequenceFrame, windowSizeFor } from './chunking.js';
import { type Embedder, type EmbeddingInput, guardedEmbed } from './embedder.js';
import type { ModelSettings } from './model-registry.js';
import { clsPool, meanPool, normalizeInPlace } from './pooling.js';
import {
  assembleArticles,
  type PlannedSequence,
  packBatches,
  planInputs,
} from './sequence-plan.js';

/** Token vectors `[rows, length, dims]` of a model call, when the model returned them. */
export interface TokenVectors {
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** Runs the model on rows of ids padded to `length` (with the model's pad id). */
export type RunIds = (
  rows: readonly { readonly ids: readonly number[] }[],
  length: number,
) => Promise<TokenVectors | undefined>;

/** The int64 inputs of a padded batch. */
export interface BatchInputs {
  readonly ids: BigInt64Array;
  readonly mask: BigInt64Array;
  readonly types: BigInt64Array;
  readonly dims: number[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The inputs of `batch` padded to `length` with `padId`. */
export function batchInputs(
  batch: readonly { readonly ids: readonly number[] }[],
  length: number,
  padId: number,
): BatchInputs {
  const size = batch.length * length;
  const ids = new BigInt64Array(size);
  const mask = new BigInt64Array(size);
  const dims = [batch.length, length];
  if (!LITTLE_ENDIAN) {
    // The portable (slower) way, for big-endian machines.
    ids.fill(BigInt(padId));
    batch.forEach((sequence, row) => {
      sequence.ids.forEach((id, t) => {
        ids[row * length + t] = BigInt(id);
        mask[row * length + t] = 1n;
      });
    });
    return { ids, mask, types: new BigInt64Array(size), dims };
  }
  // Write int64s through 32-bit views (low word first; ids are small and non-negative): no
  // BigInt per token, which would dominate the time of a lookup model.
  const idWords = new Int32Array(ids.buffer);
  const maskWords = new Int32Array(mask.buffer);
  if (padId !== 0) {
    for (let i = 0; i < size; i += 1) {
      idWords[2 * i] = padId;
    }
  }
  for (let row = 0; row < batch.length; row += 1) {
    const sequenceIds = (batch[row] as { readonly ids: readonly number[] }).ids;
    let word = 2 * row * length;
    for (let t = 0; t < sequenceIds.length; t += 1, word += 2) {
      idWords[word] = sequenceIds[t] as number;
      maskWords[word] = 1;
    }
  }
  return { ids, mask, types: new BigInt64Array(size), dims };
}

export interface ModelEmbedderOptions {
  readonly modelId: string;
  readonly settings: ModelSettings;
  readonly run: RunIds;
  /** Token ids of a text without special tokens. */
  readonly encode: (text: string) => number[];
  readonly frame: SequenceFrame;
  readonly maxBatchTokens?: number;
  readonly maxBatchRows?: number;
  readonly dispose: () => Promise<unknown>;
}

/** The Embedder that runs the model on padded batches of framed sequences. */
export async function createModelEmbedder(options: ModelEmbedderOptions): Promise<Embedder> {
  const { modelId, settings, frame } = options;
  const window = windowSizeFor(frame, settings.maxTokens);
  const maxBatchTokens = Math.max(options.maxBatchTokens ?? 32_768, settings.maxTokens);
  const maxBatchRows = options.maxBatchRows ?? 256;
  let probeDims = 0;
  const embedAll = async (inputs: readonly EmbeddingInput[]): Promise<Float32Array[]> => {
    const sequences = planInputs(inputs, options.encode, frame, window);
    const pooled = new Map<PlannedSequence, Float32Array>();
    let dims = 0;
    for (const batch of packBatches(sequences, maxBatchTokens, maxBatchRows)) {
      dims = await runBatch(options, batch, pooled);
    }
    return assembleArticles(inputs.length, pooled, settings.titleWeight, dims || probeDims);
  };
  const probe = await embedAll([{ title: 'probe', body: 'the model reports its dimensions' }]);
  probeDims = probe[0]?.length ?? 0;
  if (probeDims === 0) {
    throw new AppError('EMBEDDING_FAILED', `Model "${modelId}" produced no vector`);
  }
  return {
    modelId,
    dimensions: probeDims,
    embed: guardedEmbed(modelId, embedAll),
    async dispose() {
      await options.dispose();
    },
  };
}

/** Runs one padded batch and stores each sequence's pooled vector; returns the dimensions. */
async function runBatch(
  options: ModelEmbedderOptions,
  batch: readonly PlannedSequence[],
  out: Map<PlannedSequence, Float32Array>,
): Promise<number> {
  const { settings } = options;
  const length = Math.max(...batch.map((sequence) => sequence.ids.length));
  const hidden = await options.run(batch, length);
  if (hidden === undefined || hidden.dims.length !== 3) {
    throw new AppError('EMBEDDING_FAILED', `Model "${options.modelId}" returned no token vectors`);
  }
  const dims = hidden.dims[2] ?? 0;
  const data = hidden.data as Float32Array;
  batch.forEach((sequence, row) => {
    const vector =
      settings.pooling === 'cls'
        ? clsPool(data, row, length, dims)
        : meanPool(data, row, length, dims, sequence.ids.length);
    out.set(sequence, settings.normalize ? normalizeInPlace(vector) : vector);
  });
  return dims;
}
