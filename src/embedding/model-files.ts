/**
 * Where a model lives in the models folder and whether its files are there: the Hugging Face
 * layout transformers.js reads (`<modelsDir>/<id>/config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `onnx/model[_quantized].onnx`). A gap is a MODEL_NOT_FOUND that names
 * the path and the command that fetches the model.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';

/** The JSON files every model needs beside its ONNX file. */
export const MODEL_JSON_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** The ONNX file transformers.js 2.x loads for `quantized`. */
export function onnxFileFor(quantized: boolean): string {
  return quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/** Absolute folder of `modelId` inside `modelsDir`. */
export function modelFolder(modelsDir: string, modelId: string): string {
  return join(resolve(modelsDir), ...modelId.split('/'));
}

function notFound(modelId: string, path: string, what: string): AppError {
  return new AppError(
    'MODEL_NOT_FOUND',
    `${what} of model "${modelId}" is missing: looked at ${path}. ` +
      `Run \`morelike model pull ${modelId}\` or set MORELIKE_MODELS_DIR to the folder that holds it.`,
    { details: { modelId, path } },
  );
}

/**
 * Checks that the model's files are present and decides which ONNX file to load: `preferred`
 * when set, else the quantized file when present, else the full-precision one.
 */
export function resolveModelFiles(
  modelsDir: string,
  modelId: string,
  preferred: boolean | undefined,
): { folder: string; quantized: boolean } {
  const folder = modelFolder(modelsDir, modelId);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw notFound(modelId, folder, 'The folder');
  }
  for (const file of MODEL_JSON_FILES) {
    const path = join(folder, file);
    if (!existsSync(path)) {
      throw notFound(modelId, path, file);
    }
  }
  const quantized = preferred ?? existsSync(join(folder, onnxFileFor(true)));
  const onnxPath = join(folder, onnxFileFor(quantized));
  if (!existsSync(onnxPath)) {
    throw notFound(modelId, onnxPath, 'The ONNX file');
  }
  return { folder, quantized };
}

/** Model ids found in `modelsDir`: folders holding a config.json, one or two levels deep. */
export function listModelIds(modelsDir: string): string[] {
  const root = resolve(modelsDir);
  if (!existsSync(root)) {
    return [];
  }
  const ids: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      continue;
    }
    if (existsSync(join(root, entry.name, 'config.json'))) {
      ids.push(entry.name);
      continue;
    }
    for (const inner of readdirSync(join(root, entry.name), { withFileTypes: true })) {
      if (inner.isDirectory() && existsSync(join(root, entry.name, inner.name, 'config.json'))) {
        ids.push(`${entry.name}/${inner.name}`);
      }
    }
  }
  return ids.sort();
}
