/**
 * The Embedder on transformers.js (ONNX Runtime, in process, local files only by default): the
 * only module that imports `@xenova/transformers`. It tokenizes each title and body once, chunks
 * bodies to the model's maximum length, runs padded batches through the model and pools the token
 * vectors itself in typed-array loops (mean over the attention mask, or [CLS]), as the model's
 * registry entry says. A context-free model (token ids in, one row per id out: the shipped static
 * model) is read into a token table once and then pooled from it without running ONNX at all.
 */
import { join, resolve } from 'node:path';
import { AutoModel, AutoTokenizer, env, Tensor } from '@xenova/transformers';
import { AppError } from '../errors.js';
import { inferFrame, type SequenceFrame, windowSizeFor } from './chunking.js';
import type { Embedder, EmbeddingInput } from './embedder.js';
import { verifiedFastWordPiece } from './fast-wordpiece.js';
import { modelFolder, resolveModelFiles } from './model-files.js';
import { type ModelSettings, modelSettings } from './model-registry.js';
import { clsPool, meanPool, normalizeInPlace } from './pooling.js';
import {
  assembleArticles,
  type PlannedSequence,
  packBatches,
  planSequences,
} from './sequence-plan.js';
import { poolFromTable, tokenRows } from './table-pooling.js';
import { type RunTokens, readTokenTable, type TokenTable } from './token-table.js';

export interface XenovaEmbedderOptions {
  readonly modelId: string;
  /** The models folder; made absolute for transformers.js' `env.localModelPath`. */
  readonly modelsDir: string;
  /** Lets transformers.js fetch missing files from the hub (default false: local files only). */
  readonly allowRemoteModels?: boolean;
  /** Hub base URL for remote loading, e.g. https://huggingface.co. */
  readonly hubUrl?: string;
  /** Registry settings to override (tests, experiments). */
  readonly settings?: Partial<ModelSettings>;
  /** Padded tokens per model call (rows x longest row). */
  readonly maxBatchTokens?: number;
  /** Rows per model call. */
  readonly maxBatchRows?: number;
  /**
   * Pools a context-free model (token ids in, one row per id out) from its token table, read
   * once and checked against the model (default true); false runs the model on every batch.
   */
  readonly tokenTable?: boolean;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface TokenizerLike {
  encode(text: string, pair?: string | null, options?: { add_special_tokens?: boolean }): number[];
  pad_token_id?: number;
  /** transformers.js internals, read to size a token table. */
  model?: { tokens_to_ids?: unknown };
  added_tokens?: readonly { id?: unknown }[];
}

interface ModelLike {
  (inputs: Record<string, Tensor>): Promise<Record<string, Tensor | undefined>>;
  dispose(): Promise<unknown>;
  session?: { inputNames?: readonly string[] };
}

/** Loads `modelId` from the models folder; throws MODEL_NOT_FOUND when its files are missing. */
export async function createXenovaEmbedder(options: XenovaEmbedderOptions): Promise<Embedder> {
  const settings: ModelSettings = { ...modelSettings(options.modelId), ...options.settings };
  const remote = options.allowRemoteModels ?? false;
  const files = remote
    ? { quantized: settings.quantized ?? true }
    : resolveModelFiles(options.modelsDir, options.modelId, settings.quantized);
  configureEnvironment(options, remote);
  const loaded = await loadModel(options.modelId, files.quantized);
  const { model } = loaded;
  const tokenizer = withFastEncode(loaded.tokenizer, options);
  const frame = readFrame(tokenizer, settings.passagePrefix);
  const window = windowSizeFor(frame, settings.maxTokens);
  const maxBatchTokens = Math.max(options.maxBatchTokens ?? 32_768, settings.maxTokens);
  const maxBatchRows = options.maxBatchRows ?? 256;
  const padId = tokenizer.pad_token_id ?? 0;
  const table =
    options.tokenTable === false
      ? undefined
      : await contextFreeTable(model, loaded.tokenizer, padId);
  if (table) {
    // Never run again: the table holds everything the model computes; its memory goes back.
    await model.dispose();
  }

  const embedAll = async (inputs: readonly EmbeddingInput[]): Promise<Float32Array[]> => {
    const tokenized = inputs.map((input) => ({
      title: encodeText(tokenizer, input.title),
      body: encodeText(tokenizer, input.body),
    }));
    const sequences = planSequences(tokenized, frame, window);
    if (table) {
      const pooled = poolFromTable(table, settings, sequences, options.modelId);
      return assembleArticles(inputs.length, pooled, settings.titleWeight, table.dims);
    }
    const pooled = new Map<PlannedSequence, Float32Array>();
    let dims = 0;
    for (const batch of packBatches(sequences, maxBatchTokens, maxBatchRows)) {
      dims = await runBatch({ model, settings, padId, modelId: options.modelId }, batch, pooled);
    }
    return assembleArticles(inputs.length, pooled, settings.titleWeight, dims || probeDims);
  };

  let probeDims = 0;
  const probe = await embedAll([{ title: 'probe', body: 'the model reports its dimensions' }]);
  probeDims = probe[0]?.length ?? 0;
  if (probeDims === 0) {
    throw new AppError('EMBEDDING_FAILED', `Model "${options.modelId}" produced no vector`);
  }

  return {
    modelId: options.modelId,
    dimensions: probeDims,
    async embed(inputs) {
      if (inputs.length === 0) {
        return [];
      }
      try {
        return await embedAll(inputs);
      } catch (error) {
        if (error instanceof AppError) {
          throw error;
        }
        throw new AppError('EMBEDDING_FAILED', `Model "${options.modelId}" failed to embed`, {
          cause: error,
        });
      }
    },
    async dispose() {
      if (!table) {
        await model.dispose();
      }
    },
  };
}

/** Runs one padded batch and stores each sequence's pooled vector; returns the dimensions. */
async function runBatch(
  run: { model: ModelLike; settings: ModelSettings; padId: number; modelId: string },
  batch: readonly PlannedSequence[],
  out: Map<PlannedSequence, Float32Array>,
): Promise<number> {
  const length = Math.max(...batch.map((sequence) => sequence.ids.length));
  const outputs = await run.model(batchTensors(batch, length, run.padId));
  const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  if (hidden === undefined || hidden.dims.length !== 3) {
    throw new AppError('EMBEDDING_FAILED', `Model "${run.modelId}" returned no token vectors`);
  }
  const dims = hidden.dims[2] ?? 0;
  const data = hidden.data as Float32Array;
  batch.forEach((sequence, row) => {
    const vector =
      run.settings.pooling === 'cls'
        ? clsPool(data, row, length, dims)
        : meanPool(data, row, length, dims, sequence.ids.length);
    out.set(sequence, run.settings.normalize ? normalizeInPlace(vector) : vector);
  });
  return dims;
}

/**
 * The token table of a model that takes token ids alone (a static embedding), read and verified
 * once (see token-table.ts); undefined for any other model, which then runs batch by batch.
 */
async function contextFreeTable(
  model: ModelLike,
  tokenizer: TokenizerLike,
  padId: number,
): Promise<TokenTable | undefined> {
  const names = model.session?.inputNames ?? [];
  if (names.length !== 1 || names[0] !== 'input_ids') {
    return undefined;
  }
  const run: RunTokens = async (rows) => {
    const length = Math.max(...rows.map((ids) => ids.length));
    const outputs = await model(
      batchTensors(
        rows.map((ids) => ({ ids })),
        length,
        padId,
      ),
    );
    const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
    const dims = hidden?.dims.length === 3 ? (hidden.dims[2] ?? 0) : 0;
    return { data: (hidden?.data ?? new Float32Array(0)) as Float32Array, length, dims };
  };
  return readTokenTable(run, tokenRows(tokenizer));
}

function configureEnvironment(options: XenovaEmbedderOptions, remote: boolean): void {
  env.localModelPath = `${resolve(options.modelsDir)}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = remote;
  if (options.hubUrl !== undefined) {
    env.remoteHost = options.hubUrl.endsWith('/') ? options.hubUrl : `${options.hubUrl}/`;
  }
}

async function loadModel(
  modelId: string,
  quantized: boolean,
): Promise<{ tokenizer: TokenizerLike; model: ModelLike }> {
  try {
    const tokenizer = (await AutoTokenizer.from_pretrained(modelId)) as unknown as TokenizerLike;
    const model = (await AutoModel.from_pretrained(modelId, { quantized })) as unknown as ModelLike;
    return { tokenizer, model };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('MODEL_NOT_FOUND', `Model "${modelId}" could not be loaded: ${message}`, {
      cause: error,
    });
  }
}

/**
 * The tokenizer with `encode` (without special tokens) on the fast WordPiece path when the local
 * tokenizer.json is plain BERT WordPiece and agrees with transformers.js; else unchanged.
 */
function withFastEncode(tokenizer: TokenizerLike, options: XenovaEmbedderOptions): TokenizerLike {
  const general = (text: string) => tokenizer.encode(text, null, { add_special_tokens: false });
  const path = join(modelFolder(options.modelsDir, options.modelId), 'tokenizer.json');
  const fast = verifiedFastWordPiece(path, general);
  if (!fast) {
    return tokenizer;
  }
  return {
    pad_token_id: tokenizer.pad_token_id,
    encode: (text, pair, encodeOptions) =>
      encodeOptions?.add_special_tokens === false && !pair
        ? fast.encode(text)
        : tokenizer.encode(text, pair, encodeOptions),
  };
}

function encodeText(tokenizer: TokenizerLike, text: string): number[] {
  return text.length === 0 ? [] : tokenizer.encode(text, null, { add_special_tokens: false });
}

function readFrame(tokenizer: TokenizerLike, passagePrefix: string): SequenceFrame {
  const plain = tokenizer.encode('hello', null, { add_special_tokens: false });
  const framed = tokenizer.encode('hello', null, { add_special_tokens: true });
  return inferFrame(plain, framed, passagePrefix ? encodeText(tokenizer, passagePrefix) : []);
}

function batchTensors(
  batch: readonly { readonly ids: readonly number[] }[],
  length: number,
  padId: number,
): Record<string, Tensor> {
  const size = batch.length * length;
  const ids = new BigInt64Array(size);
  const mask = new BigInt64Array(size);
  // Write int64s through 32-bit views (low word first, little-endian; ids are small and
  // non-negative): no BigInt per token, which would dominate the time of a lookup model.
  if (!LITTLE_ENDIAN) {
    return bigIntTensors(batch, length, padId);
  }
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
  return modelInputs(ids, mask, [batch.length, length]);
}

/** The portable (slower) way, for big-endian machines. */
function bigIntTensors(
  batch: readonly { readonly ids: readonly number[] }[],
  length: number,
  padId: number,
): Record<string, Tensor> {
  const ids = new BigInt64Array(batch.length * length).fill(BigInt(padId));
  const mask = new BigInt64Array(batch.length * length);
  batch.forEach((sequence, row) => {
    sequence.ids.forEach((id, t) => {
      ids[row * length + t] = BigInt(id);
      mask[row * length + t] = 1n;
    });
  });
  return modelInputs(ids, mask, [batch.length, length]);
}

function modelInputs(
  ids: BigInt64Array,
  mask: BigInt64Array,
  dims: number[],
): Record<string, Tensor> {
  return {
    input_ids: new Tensor('int64', ids, dims),
    attention_mask: new Tensor('int64', mask, dims),
    token_type_ids: new Tensor('int64', new BigInt64Array(ids.length), dims),
  };
}
