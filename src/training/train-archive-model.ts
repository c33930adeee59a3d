/**
 * `model train` as a use case: trains a static embedding model on the stored articles and writes
 * it into the models folder under a new id (`archive-<UTC date and time>` unless one is given).
 * The model registry knows every `archive-` id as an archive model.
 */
import { availableParallelism } from 'node:os';
import type { Article } from '../articles/article.js';
import { modelFolder } from '../embedding/model-files.js';
import { ARCHIVE_MODEL_PREFIX } from '../embedding/model-registry.js';
import { AppError } from '../errors.js';
import { createBlockOps, serialBlockOps } from './block-ops.js';
import { type TrainedTable, type TrainOptions, trainTable } from './train-table.js';
import { writeArchiveModel } from './write-archive-model.js';

export interface TrainArchiveInput {
  readonly articles: Iterable<Article> | AsyncIterable<Article>;
  readonly modelsDir: string;
  /** The new model's id; default `archive-YYYYMMDD-HHMMSS` (UTC) from `now`. */
  readonly modelId?: string;
  readonly options: TrainOptions;
  readonly now: () => Date;
  /** Both cores (a worker thread for half of each SVD product); default: when there are two. */
  readonly parallel?: boolean;
}

export interface TrainedModel {
  readonly modelId: string;
  readonly folder: string;
  readonly files: readonly string[];
  readonly table: TrainedTable;
  readonly seconds: number;
}

const ARCHIVE_ID = new RegExp(`^${ARCHIVE_MODEL_PREFIX}[A-Za-z0-9._-]+$`);

/** The default id of a model trained at `date`. */
export function defaultArchiveId(date: Date): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${ARCHIVE_MODEL_PREFIX}${stamp}`;
}

/** Throws VALIDATION_FAILED naming `--out` unless `id` is an archive model id. */
export function checkArchiveId(id: string): string {
  if (!ARCHIVE_ID.test(id) || id.includes('..')) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--out: must start with "${ARCHIVE_MODEL_PREFIX}" followed by letters, digits, . _ or - ` +
        `(got "${id}")`,
      { details: { field: 'out', value: id } },
    );
  }
  return id;
}

/**
 * Trains and writes the model; the store is only read. The same archive gives the same bytes
 * with or without the worker thread.
 */
export async function trainArchiveModel(input: TrainArchiveInput): Promise<TrainedModel> {
  const started = input.now();
  const modelId = checkArchiveId(input.modelId ?? defaultArchiveId(started));
  const folder = modelFolder(input.modelsDir, modelId);
  const clock = performance.now();
  const parallel = input.parallel ?? availableParallelism() > 1;
  const ops = parallel ? await createBlockOps() : serialBlockOps();
  let table: TrainedTable;
  try {
    table = await trainTable(input.articles, input.options, ops);
  } finally {
    await ops.close();
  }
  const seconds = (performance.now() - clock) / 1000;
  const files = writeArchiveModel({
    folder,
    modelId,
    table,
    options: input.options,
    trainedAt: started,
    seconds,
  });
  return { modelId, folder, files, table, seconds };
}
