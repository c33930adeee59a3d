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
import type { TrainedTable, TrainOptions } from './train-table.js';

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
  const { folder, table } = input;
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
    const rows = table.vocabulary.length;
    const doc = `Archive LSA ${table.dimensions}d lookup (morelike model train)`;
    const graph = encodeStaticModel(
      { kind: 'fp16', values: toHalfRows(table.rows) },
      rows,
      table.dimensions,
      doc,
    );
    writeFileSync(join(temporary, ONNX_FILE), graph);
    const tokenizer = tokenizerJson({
      vocabulary: table.vocabulary,
      modelMaxLength: MAX_TOKENS,
      characterPasses: false,
      stripAccents: false,
    });
    writeFileSync(join(temporary, 'tokenizer.json'), toJsonText(tokenizer, false));
    writeFileSync(
      join(temporary, 'tokenizer_config.json'),
      toJsonText(tokenizerConfigJson(MAX_TOKENS)),
    );
    const record: ArchiveModelRecord = {
      articles: table.articles,
      languages: table.languages,
      terms: table.terms,
      word_forms: rows - 4,
      dims: table.dimensions,
      seed: input.options.seed,
      power_iterations: input.options.powerIterations,
      oversample: input.options.oversample,
      min_document_frequency: input.options.minDocumentFrequency,
      sigma_power: input.options.sigmaPower,
    };
    const config = modelConfigJson(table.dimensions, rows, MAX_TOKENS, {
      [ARCHIVE_CONFIG_KEY]: record,
    });
    writeFileSync(join(temporary, 'config.json'), toJsonText(config));
    const card = archiveCard({ ...input, folder: temporary, files: FILES, record });
    writeFileSync(join(temporary, 'MODEL_CARD.md'), card);
    renameSync(temporary, folder);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return [...FILES, 'MODEL_CARD.md'];
}
