/**
 * The Embedder on transformers.js (ONNX Runtime, in process, local files only by default): the
 * only module that imports `@xenova/transformers`, and only when a model has to be loaded. It
 * tokenizes each title and body once, chunks bodies to the model's maximum length, runs padded
 * batches through the model and pools the token vectors itself (see model-batches.ts). A
 * context-free model (token ids in, one row per id out: the shipped static model) is read into a
 * token table once and then pooled from it without running ONNX at all; with `cacheDir` that
 * table is kept as a prepared model (see prepared-model.ts), and the next load with the same
 * files needs neither transformers.js nor ONNX Runtime.
 */
import { join, resolve } from 'node:path';
import type { Tensor } from '@xenova/transformers';
import { AppError } from '../errors.js';
import {
  embedderFromPrepared,
  openPreparedCache,
  type PreparedCache,
  savePrepared,
} from './cached-model.js';
import { inferFrame, type SequenceFrame } from './chunking.js';
import type { Embedder } from './embedder.js';
import { SELF_CHECK, verifiedFastWordPiece } from './fast-wordpiece.js';
import { batchInputs, createModelEmbedder, type RunIds } from './model-batches.js';
import { modelFolder, resolveModelFiles } from './model-files.js';
import { type ModelSettings, modelSettings } from './model-registry.js';
import { createTableEmbedder } from './table-embedder.js';
import { tokenRows } from './table-pooling.js';
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
  /**
   * A folder for prepared models (a context-free model's token table, keyed by its files'
   * hash); without it the table is read out of the model on every load.
   */
  readonly cacheDir?: string;
}

type Transformers = typeof import('@xenova/transformers');

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
  const cache =
    'folder' in files && options.cacheDir !== undefined && options.tokenTable !== false
      ? openPreparedCache(options.cacheDir, options.modelId, files.folder, files.quantized)
      : undefined;
  const cached = cache?.prepared && embedderFromPrepared(cache.prepared, { ...options, settings });
  return cached ?? loadModel(options, settings, files.quantized, cache);
}

/**
 * Loads the model with transformers.js: a context-free one is read into its token table (and
 * saved as a prepared model when `cache` is given), any other runs batch by batch.
 */
async function loadModel(
  options: XenovaEmbedderOptions,
  settings: ModelSettings,
  quantized: boolean,
  cache: PreparedCache | undefined,
): Promise<Embedder> {
  const transformers = await import('@xenova/transformers');
  configureEnvironment(transformers, options, options.allowRemoteModels ?? false);
  const loaded = await loadFiles(transformers, options.modelId, quantized);
  const { model } = loaded;
  const { tokenizer, fast } = withFastEncode(loaded.tokenizer, options);
  const encode = (text: string) => tokenizer.encode(text, null, { add_special_tokens: false });
  const frame = readFrame(tokenizer, settings.passagePrefix);
  const run = idsRunner(transformers, model, tokenizer.pad_token_id ?? 0);
  const table =
    options.tokenTable === false ? undefined : await contextFreeTable(model, loaded.tokenizer, run);
  if (!table) {
    const dispose = () => model.dispose();
    return createModelEmbedder({ ...options, settings, run, encode, frame, dispose });
  }
  // Never run again: the table holds everything the model computes; its memory goes back.
  await model.dispose();
  if (cache && fast) {
    const checks = SELF_CHECK.map(
      (text) => [text, loaded.tokenizer.encode(text, null, { add_special_tokens: false })] as const,
    );
    savePrepared(cache, { table, leading: frame.leading, trailing: frame.trailing, checks });
  }
  return createTableEmbedder({ modelId: options.modelId, settings, encode, frame, table });
}

/** Runs `model` on rows of ids: the token vectors it returns. */
function idsRunner(transformers: Transformers, model: ModelLike, padId: number): RunIds {
  return async (rows, length) => {
    const inputs = batchInputs(rows, length, padId);
    const tensor = (data: BigInt64Array) => new transformers.Tensor('int64', data, inputs.dims);
    const outputs = await model({
      input_ids: tensor(inputs.ids),
      attention_mask: tensor(inputs.mask),
      token_type_ids: tensor(inputs.types),
    });
    return outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  };
}

/**
 * The token table of a model that takes token ids alone (a static embedding), read and verified
 * once (see token-table.ts); undefined for any other model, which then runs batch by batch.
 */
async function contextFreeTable(
  model: ModelLike,
  tokenizer: TokenizerLike,
  runIds: RunIds,
): Promise<TokenTable | undefined> {
  const names = model.session?.inputNames ?? [];
  if (names.length !== 1 || names[0] !== 'input_ids') {
    return undefined;
  }
  const run: RunTokens = async (rows) => {
    const length = Math.max(...rows.map((ids) => ids.length));
    const hidden = await runIds(
      rows.map((ids) => ({ ids })),
      length,
    );
    const dims = hidden?.dims.length === 3 ? (hidden.dims[2] ?? 0) : 0;
    return { data: (hidden?.data ?? new Float32Array(0)) as Float32Array, length, dims };
  };
  return readTokenTable(run, tokenRows(tokenizer));
}

function configureEnvironment(
  { env }: Transformers,
  options: XenovaEmbedderOptions,
  remote: boolean,
): void {
  env.localModelPath = `${resolve(options.modelsDir)}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = remote;
  if (options.hubUrl !== undefined) {
    env.remoteHost = options.hubUrl.endsWith('/') ? options.hubUrl : `${options.hubUrl}/`;
  }
}

async function loadFiles(
  { AutoModel, AutoTokenizer }: Transformers,
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
 * tokenizer.json is plain BERT WordPiece and agrees with transformers.js (`fast`); else unchanged.
 */
function withFastEncode(
  tokenizer: TokenizerLike,
  options: XenovaEmbedderOptions,
): { tokenizer: TokenizerLike; fast: boolean } {
  const general = (text: string) => tokenizer.encode(text, null, { add_special_tokens: false });
  const path = join(modelFolder(options.modelsDir, options.modelId), 'tokenizer.json');
  const fast = verifiedFastWordPiece(path, general);
  if (!fast) {
    return { tokenizer, fast: false };
  }
  const encode: TokenizerLike['encode'] = (text, pair, encodeOptions) =>
    encodeOptions?.add_special_tokens === false && !pair
      ? fast.encode(text)
      : tokenizer.encode(text, pair, encodeOptions);
  return { tokenizer: { pad_token_id: tokenizer.pad_token_id, encode }, fast: true };
}

function readFrame(tokenizer: TokenizerLike, passagePrefix: string): SequenceFrame {
  const plain = tokenizer.encode('hello', null, { add_special_tokens: false });
  const framed = tokenizer.encode('hello', null, { add_special_tokens: true });
  const prefix = passagePrefix
    ? tokenizer.encode(passagePrefix, null, { add_special_tokens: false })
    : [];
  return inferFrame(plain, framed, prefix);
}
