/**
 * The words of a model's WordPiece vocabulary in id order (most frequent first for the shipped
 * model), read from `<modelsDir>/<modelId>/tokenizer.json`: what the synthetic bench corpus is
 * written in, so every word is one the model knows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelFolder } from '../embedding/model-files.js';
import { AppError } from '../errors.js';

/** Whole words of the model's vocabulary (no `##` pieces, no `[SPECIAL]` tokens), by id. */
export function readModelVocabulary(modelsDir: string, modelId: string): string[] {
  const path = join(modelFolder(modelsDir, modelId), 'tokenizer.json');
  let vocab: unknown;
  try {
    vocab = (JSON.parse(readFileSync(path, 'utf8')) as { model?: { vocab?: unknown } }).model
      ?.vocab;
  } catch (error) {
    throw new AppError('MODEL_NOT_FOUND', `Cannot read the vocabulary of ${modelId} at ${path}`, {
      cause: error,
    });
  }
  if (typeof vocab !== 'object' || vocab === null) {
    throw new AppError('MODEL_NOT_FOUND', `${path} holds no WordPiece vocabulary`);
  }
  return Object.entries(vocab as Record<string, number>)
    .filter(([word]) => !word.startsWith('##') && !/^\[.*\]$/.test(word))
    .sort((a, b) => a[1] - b[1])
    .map(([word]) => word);
}
