/**
 * What the embedding side needs of an archive model's record (written into its config.json by
 * `morelike model train`, see training/archive-record.ts): the articles per language it was
 * trained on, from which the registry decides the languages it covers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The config.json key of an archive model's record. */
export const ARCHIVE_CONFIG_KEY = 'morelike_archive_model';

/**
 * The record under ARCHIVE_CONFIG_KEY in the config.json of the model in `folder`, or undefined
 * when there is none (no archive model, or no readable config.json).
 */
export function readArchiveConfig(folder: string): Record<string, unknown> | undefined {
  try {
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const record = config[ARCHIVE_CONFIG_KEY];
    return typeof record === 'object' && record !== null
      ? (record as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Articles per language tag the archive model in `folder` was trained on, or undefined. */
export function trainedLanguages(folder: string): Readonly<Record<string, number>> | undefined {
  const languages = readArchiveConfig(folder)?.languages;
  return typeof languages === 'object' && languages !== null
    ? (languages as Record<string, number>)
    : undefined;
}
