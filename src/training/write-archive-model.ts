/**
 * Writes a trained archive model in the shipped model's layout (tokenizer.json, tokenizer_config,
 * config.json, a one-Gather half-float ONNX graph, MODEL_CARD.md), so transformers.js loads it
 * through the one embedder path. The folder is written beside its final place and renamed into
 * it, so nobody ever loads half a model; an existing model is never overwritten. Every file but
 * the card (which carries the date) is the same bytes for the same archive.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { toHalfRows } from '../static-model/quantize.js';
import { encodeStaticModel } from '../static-model/static-graph.js';
import {
  modelConfigJson,
  toJsonText,
  tokenizerConfigJson,
  tokenizerJson,
} from '../static-model/tokenizer-files.js';
import { archiveCard } from './archive-card.js';
import { ARCHIVE_CONFIG_KEY, type ArchiveModelRecord } from './archive-record.js';
import { SPECIAL_TOKENS, type TrainedTable, type TrainOptions } from './train-table.js';

/** A lookup table has no length limit: one sequence per body keeps the average exact. */
const MAX_TOKENS = 8192;
const ONNX_FILE = 'onnx/model.onnx';
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE] as const;

export interface WriteArchiveModelInput {
  readonly folder: string;
  readonly modelId: string;
  readonly table: TrainedTable;
  readonly options: TrainOptions;
  readonly trainedAt: Date;
  readonly seconds: number;
}

/** Writes the model into `folder` (which must not exist yet); returns the files written. */
export function writeArchiveModel(input: WriteArchiveModelInput): string[] {
  const { folder } = input;
  if (existsSync(folder)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--out: a model folder ${folder} exists already; choose another id (models are never overwritten)`,
      { details: { field: 'out', path: folder } },
    );
  }
  mkdirSync(dirname(folder), { recursive: true });
  const temporary = mkdtempSync(join(dirname(folder), '.training-'));
  mkdirSync(join(temporary, 'onnx'));
  try {
    writeFiles(temporary, input);
    renameSync(temporary, folder);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return [...FILES, 'MODEL_CARD.md'];
}

/** Every file of the model into `folder`. */
function writeFiles(folder: string, input: WriteArchiveModelInput): void {
  const { table } = input;
  const rows = table.vocabulary.length;
  const doc = `Archive LSA ${table.dimensions}d lookup (morelike model train)`;
  const half = { kind: 'fp16', values: toHalfRows(table.rows) } as const;
  writeFileSync(join(folder, ONNX_FILE), encodeStaticModel(half, rows, table.dimensions, doc));
  const tokenizer = tokenizerJson({
    vocabulary: table.vocabulary,
    modelMaxLength: MAX_TOKENS,
    characterPasses: false,
    stripAccents: false,
  });
  writeFileSync(join(folder, 'tokenizer.json'), toJsonText(tokenizer, false));
  const tokenizerConfig = toJsonText(tokenizerConfigJson(MAX_TOKENS));
  writeFileSync(join(folder, 'tokenizer_config.json'), tokenizerConfig);
  const record = archiveRecord(table, input.options);
  const config = modelConfigJson(table.dimensions, rows, MAX_TOKENS, {
    [ARCHIVE_CONFIG_KEY]: record,
  });
  writeFileSync(join(folder, 'config.json'), toJsonText(config));
  const card = archiveCard({ ...input, folder, files: FILES, record });
  writeFileSync(join(folder, 'MODEL_CARD.md'), card);
}

/** What config.json records about the training. */
function archiveRecord(table: TrainedTable, options: TrainOptions): ArchiveModelRecord {
  return {
    articles: table.articles,
    languages: table.languages,
    terms: table.terms,
    word_forms: table.vocabulary.length - SPECIAL_TOKENS.length,
    dims: table.dimensions,
    seed: options.seed,
    power_iterations: options.powerIterations,
    oversample: options.oversample,
    min_document_frequency: options.minDocumentFrequency,
    sigma_power: options.sigmaPower,
  };
}
