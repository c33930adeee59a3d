/**
 * Downloads a model from a Hugging Face hub layout (`<hub>/<id>/resolve/main/<file>`) into the
 * models folder: the three JSON files and the ONNX file transformers.js will load. Files land
 * under a temporary name and are renamed only when complete and checked: the size the hub states,
 * and the SHA-256 it states for Git LFS files (the ONNX model; the small JSON files carry no
 * SHA-256 on the hub, so their size is checked). A transfer with no data for `stallMs` fails.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, isAppError } from '../errors.js';
import { type Expected, fetchFromHub, type StallGuard, stalled, stallGuard } from './hub-fetch.js';
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
  /** Give up when no byte arrives for this long (default 60 s). */
  readonly stallMs?: number;
}

/** Default for `stallMs`. */
export const DEFAULT_STALL_MS = 60_000;

/** What a pull wrote: the folder, the files, and those whose SHA-256 the hub stated and matched. */
export interface PullResult {
  readonly folder: string;
  readonly files: string[];
  readonly verified: string[];
}

/** Downloads the model; resolves to its folder and the files written. */
export async function pullModel(options: PullOptions): Promise<PullResult> {
  if (!MODEL_ID_PATTERN.test(options.modelId) || options.modelId.includes('..')) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${options.modelId}" is not a model id like owner/name`,
    );
  }
  const folder = modelFolder(options.modelsDir, options.modelId);
  const files: string[] = [];
  const verified: string[] = [];
  const keep = (file: string, result: Fetched) => {
    files.push(file);
    if (result === 'verified') {
      verified.push(file);
    }
  };
  for (const file of MODEL_JSON_FILES) {
    keep(file, await download(options, folder, file, true));
  }
  const preferred = modelSettings(options.modelId).quantized;
  const candidates =
    preferred === undefined ? [onnxFileFor(true), onnxFileFor(false)] : [onnxFileFor(preferred)];
  for (const [index, file] of candidates.entries()) {
    const result = await download(options, folder, file, index === candidates.length - 1);
    if (result !== 'absent') {
      keep(file, result);
      return { folder, files, verified };
    }
  }
  throw new AppError(
    'MODEL_DOWNLOAD_FAILED',
    `${options.hubUrl} has no ONNX file for ${options.modelId}`,
  );
}

type Fetched = 'absent' | 'sized' | 'verified';

/** Downloads one file; `absent` when the hub has none (404) and `required` is false. */
async function download(
  options: PullOptions,
  folder: string,
  file: string,
  required: boolean,
): Promise<Fetched> {
  const host = options.hubUrl.replace(/\/+$/, '');
  const url = `${host}/${options.modelId}/resolve/main/${file}`;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const guard = stallGuard(stallMs);
  try {
    const { response, expected } = await fetchFromHub(url, guard.signal).catch((error: unknown) => {
      if (guard.signal.aborted) {
        throw stalled(host, file, stallMs, error);
      }
      const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
      throw new AppError(
        'MODEL_DOWNLOAD_FAILED',
        `Could not reach ${host} (${reason}). Check the network, or set MORELIKE_HUB_URL to a reachable hub or mirror.`,
        { cause: error },
      );
    });
    if (response.status === 404 && !required) {
      await response.body?.cancel();
      return 'absent';
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new AppError(
        'MODEL_DOWNLOAD_FAILED',
        `${host} answered ${response.status} for ${url}: is "${options.modelId}" a model on that hub?`,
      );
    }
    options.onFile?.(file, expected.size ?? 0);
    const target = join(folder, file);
    mkdirSync(dirname(target), { recursive: true });
    await save(response, `${target}.part`, { url, file, expected, guard, options });
    renameSync(`${target}.part`, target);
    return expected.sha256 ? 'verified' : 'sized';
  } catch (error) {
    throw guard.signal.aborted && !isAppError(error) ? stalled(host, file, stallMs, error) : error;
  } finally {
    guard.clear();
  }
}

interface SaveContext {
  readonly url: string;
  readonly file: string;
  readonly expected: Expected;
  readonly guard: StallGuard;
  readonly options: PullOptions;
}

/** Streams the body to `partial`, then checks size and SHA-256; removes `partial` on failure. */
async function save(response: Response, partial: string, ctx: SaveContext): Promise<void> {
  const { expected, file } = ctx;
  const hash = createHash('sha256');
  let received = 0;
  const body = response.body as import('node:stream/web').ReadableStream;
  const counted = Readable.fromWeb(body).on('data', (chunk: Buffer) => {
    ctx.guard.touch();
    received += chunk.length;
    hash.update(chunk);
    ctx.options.onProgress?.({ file, received, total: expected.size ?? 0 });
  });
  try {
    await pipeline(counted, createWriteStream(partial), { signal: ctx.guard.signal });
  } catch (error) {
    rmSync(partial, { force: true });
    if (ctx.guard.signal.aborted) {
      throw error;
    }
    throw new AppError('MODEL_DOWNLOAD_FAILED', `Download of ${ctx.url} broke off`, {
      cause: error,
    });
  }
  const problem = mismatch(expected, received, hash.digest('hex'));
  if (problem) {
    rmSync(partial, { force: true });
    throw new AppError('MODEL_DOWNLOAD_FAILED', `${file} from ${ctx.url} ${problem}; nothing kept`);
  }
}

/** How the received file differs from what the hub stated, or undefined when it matches. */
function mismatch(expected: Expected, received: number, sha256: string): string | undefined {
  if (expected.size !== undefined && expected.size !== received) {
    return `is ${received} bytes where the hub states ${expected.size}`;
  }
  if (expected.sha256 !== undefined && expected.sha256 !== sha256) {
    return `has SHA-256 ${sha256} where the hub states ${expected.sha256}`;
  }
  return undefined;
}
