/**
 * The prepared-model cache as the embedder uses it: open the cache file of a model's files, make
 * the embedder from a usable entry (the fast tokenizer re-checked against the general
 * tokenizer's recorded ids; no transformers.js, no ONNX), and save a freshly prepared model.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Embedder } from './embedder.js';
import { verifiedFastWordPiece } from './fast-wordpiece.js';
import { modelFolder } from './model-files.js';
import type { ModelSettings } from './model-registry.js';
import {
  modelFilesKey,
  type PreparedModel,
  preparedModelFile,
  readPreparedModel,
  writePreparedModel,
} from './prepared-model.js';
import { createTableEmbedder } from './table-embedder.js';

/** A model's cache file, the key of its files, and the prepared model it holds when usable. */
export interface PreparedCache {
  readonly file: string;
  readonly key: string;
  readonly prepared: PreparedModel | undefined;
}

/** Opens the cache entry of the model whose files are in `folder`. */
export function openPreparedCache(
  cacheDir: string,
  modelId: string,
  folder: string,
  quantized: boolean,
): PreparedCache {
  const file = preparedModelFile(cacheDir, modelId);
  const key = modelFilesKey(folder, quantized);
  const loaded = readPreparedModel(file, key);
  return { file, key, prepared: loaded.ok ? loaded.prepared : undefined };
}

/**
 * The embedder over a cached prepared model, when the fast tokenizer of the model's
 * tokenizer.json agrees with the general tokenizer's ids recorded with it (else undefined: the
 * model is loaded and prepared again).
 */
export function embedderFromPrepared(
  prepared: PreparedModel,
  model: { readonly modelId: string; readonly modelsDir: string; readonly settings: ModelSettings },
): Embedder | undefined {
  const recorded = new Map(prepared.checks.map(([text, ids]) => [text, [...ids]]));
  const path = join(modelFolder(model.modelsDir, model.modelId), 'tokenizer.json');
  const fast = verifiedFastWordPiece(path, (text) => recorded.get(text) ?? [-1]);
  if (!fast) {
    return undefined;
  }
  const { settings, modelId } = model;
  const prefix = settings.passagePrefix ? fast.encode(settings.passagePrefix) : [];
  const frame = { leading: prepared.leading, trailing: prepared.trailing, prefix };
  const { table } = prepared;
  return createTableEmbedder({ modelId, settings, encode: fast.encode, frame, table });
}

/** Saves `prepared` in the cache; a folder that cannot be written only means no cache. */
export function savePrepared(cache: PreparedCache, prepared: PreparedModel): void {
  try {
    mkdirSync(dirname(cache.file), { recursive: true });
    writePreparedModel(cache.file, cache.key, prepared);
  } catch {
    // The next start prepares the model again.
  }
}
