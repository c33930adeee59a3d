/**
 * What an archive model records about its training in its config.json (the archive's size and
 * languages, the settings), and the check `serve` runs at start: has the archive outgrown the
 * model (grown by a tenth since training), so that it is time to train again?
 */
import { ARCHIVE_CONFIG_KEY, readArchiveConfig } from '../embedding/archive-languages.js';
import { modelFolder } from '../embedding/model-files.js';

export { ARCHIVE_CONFIG_KEY };

/** Growth of the archive since training after which `serve` says to train again. */
export const RETRAIN_GROWTH = 0.1;

/** The record in config.json (snake_case, as the rest of that file). */
export interface ArchiveModelRecord {
  readonly articles: number;
  /** Articles per language at training. */
  readonly languages: Readonly<Record<string, number>>;
  readonly terms: number;
  readonly word_forms: number;
  readonly dims: number;
  readonly seed: number;
  readonly power_iterations: number;
  readonly oversample: number;
  readonly min_document_frequency: number;
  readonly sigma_power: number;
}

/** The record of the model in `folder`, or undefined when it is no archive model. */
export function readArchiveRecord(folder: string): ArchiveModelRecord | undefined {
  const record = readArchiveConfig(folder) as ArchiveModelRecord | undefined;
  return typeof record?.articles === 'number' ? record : undefined;
}

/**
 * A log line when an archive of `articles` has outgrown the model trained on `record.articles`
 * (by RETRAIN_GROWTH or more); undefined while the model is current.
 */
export function outgrownMessage(
  modelId: string,
  record: ArchiveModelRecord,
  articles: number,
): string | undefined {
  const growth = record.articles > 0 ? articles / record.articles - 1 : 0;
  if (growth < RETRAIN_GROWTH) {
    return undefined;
  }
  return (
    `The archive has grown ${Math.round(growth * 100)}% since model ${modelId} was trained ` +
    `(${record.articles} -> ${articles} articles): run \`morelike model train\`, then ` +
    '`MORELIKE_MODEL=<new id> morelike reindex --full`, and restart with the new id'
  );
}

/**
 * `outgrownMessage` for the model `modelId` in `modelsDir` over an archive of `articles`;
 * undefined for a model that is no archive model, or is current.
 */
export function archiveModelNotice(
  modelsDir: string,
  modelId: string,
  articles: number,
): string | undefined {
  const record = readArchiveRecord(modelFolder(modelsDir, modelId));
  return record === undefined ? undefined : outgrownMessage(modelId, record, articles);
}
