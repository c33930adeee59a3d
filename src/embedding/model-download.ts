/**
 * Downloads a model from a Hugging Face hub layout (`<hub>/<id>/resolve/main/<file>`) into the
 * models folder: the three JSON files and the ONNX file transformers.js will load. Files land
 * under a temporary name and are renamed when complete, so a broken download leaves no half file.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { MODEL_JSON_FILES, modelFolder, onnxFileFor } from './model-files.js';
import { modelSettings } from './model-registry.js';

/** A model id as the hub names it: `name` or `owner/name`, no path tricks. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

export interface PullOptions {
  readonly hubUrl: string;
  readonly modelsDir: string;
  readonly modelId: string;
  /** Called as bytes arrive; `total` is 0 when the server does not say. */
  readonly onProgress?: (event: { file: string; received: number; total: number }) => void;
  /** Called when a file starts downloading. */
  readonly onFile?: (file: string, total: number) => void;
}

/** Downloads the model; resolves to its folder and the files written. */
export async function pullModel(
  options: PullOptions,
): Promise<{ folder: string; files: string[] }> {
  if (!MODEL_ID_PATTERN.test(options.modelId) || options.modelId.includes('..')) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${options.modelId}" is not a model id like owner/name`,
    );
  }
  const folder = modelFolder(options.modelsDir, options.modelId);
  const files: string[] = [];
  for (const file of MODEL_JSON_FILES) {
    await download(options, folder, file, true);
    files.push(file);
  }
  const preferred = modelSettings(options.modelId).quantized;
  const candidates =
    preferred === undefined ? [onnxFileFor(true), onnxFileFor(false)] : [onnxFileFor(preferred)];
  for (const [index, file] of candidates.entries()) {
    if (await download(options, folder, file, index === candidates.length - 1)) {
      files.push(file);
      return { folder, files };
    }
  }
  throw new AppError(
    'MODEL_DOWNLOAD_FAILED',
    `${options.hubUrl} has no ONNX file for ${options.modelId}`,
  );
}

/** Downloads one file; false when it is absent (404) and `required` is false. */
async function download(
  options: PullOptions,
  folder: string,
  file: string,
  required: boolean,
): Promise<boolean> {
  const host = options.hubUrl.replace(/\/+$/, '');
  const url = `${host}/${options.modelId}/resolve/main/${file}`;
  const response = await fetch(url).catch((error: unknown) => {
    const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    throw new AppError(
      'MODEL_DOWNLOAD_FAILED',
      `Could not reach ${host} (${reason}). Check the network, or set MORELIKE_HUB_URL to a reachable hub or mirror.`,
      { cause: error },
    );
  });
  if (response.status === 404 && !required) {
    await response.body?.cancel();
    return false;
  }
  if (!response.ok || response.body === null) {
    throw new AppError(
      'MODEL_DOWNLOAD_FAILED',
      `${host} answered ${response.status} for ${url}: is "${options.modelId}" a model on that hub?`,
    );
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  options.onFile?.(file, total);
  const target = join(folder, file);
  const partial = `${target}.part`;
  mkdirSync(dirname(target), { recursive: true });
  let received = 0;
  const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).on(
    'data',
    (chunk: Buffer) => {
      received += chunk.length;
      options.onProgress?.({ file, received, total });
    },
  );
  try {
    await pipeline(counted, createWriteStream(partial));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new AppError('MODEL_DOWNLOAD_FAILED', `Download of ${url} broke off`, { cause: error });
  }
  renameSync(partial, target);
  return true;
}
