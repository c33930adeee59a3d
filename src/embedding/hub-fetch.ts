/**
 * One file from a Hugging Face hub layout, fetched the way the hub's own client does it: the
 * `resolve` answer is read before its redirect is followed, because that is where the hub says
 * what the file should be (`X-Linked-Etag`: the SHA-256 of a Git LFS file such as the ONNX model,
 * `X-Linked-Size` or `Content-Length`: its size). A stall guard aborts when no byte arrives for a
 * while, so a hung connection fails instead of waiting forever.
 */
import { AppError } from '../errors.js';

/** What the hub promises about a file; absent fields are not checked. */
export interface Expected {
  /** Lowercase hex SHA-256 (LFS files only; small Git files carry a Git hash, not this). */
  readonly sha256?: string;
  readonly size?: number;
}

/** An abort signal that fires `ms` after the last `touch()`. */
export interface StallGuard {
  readonly signal: AbortSignal;
  touch(): void;
  clear(): void;
}

/** Starts a stall guard: the timer runs from now and restarts on every `touch()`. */
export function stallGuard(ms: number): StallGuard {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), ms);
  return {
    signal: controller.signal,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), ms);
    },
    clear: () => clearTimeout(timer),
  };
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The checksum and size the headers state. `linkedOnly` reads only the hub's `X-Linked-*` headers
 * (on a redirect, `ETag` and `Content-Length` describe the redirect itself, not the file).
 */
export function expectedFrom(headers: Headers, linkedOnly = false): Expected {
  const etag = linkedOnly ? null : headers.get('etag');
  const tag = (headers.get('x-linked-etag') ?? etag ?? '')
    .replace(/^W\//, '')
    .replace(/"/g, '')
    .toLowerCase();
  const length = linkedOnly ? null : headers.get('content-length');
  const size = Number(headers.get('x-linked-size') ?? length ?? Number.NaN);
  return {
    ...(SHA256.test(tag) ? { sha256: tag } : {}),
    ...(Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
  };
}

/** GETs `url`, keeping what the first answer promises across one redirect. */
export async function fetchFromHub(
  url: string,
  signal: AbortSignal,
): Promise<{ response: Response; expected: Expected }> {
  const first = await fetch(url, { redirect: 'manual', signal });
  const location = first.headers.get('location');
  if (!REDIRECT.has(first.status) || location === null) {
    return { response: first, expected: expectedFrom(first.headers) };
  }
  await first.body?.cancel();
  const response = await fetch(new URL(location, url), { signal });
  const promised = expectedFrom(first.headers, true);
  const final = expectedFrom(response.headers);
  return { response, expected: { ...final, ...promised } };
}

/** The MODEL_DOWNLOAD_FAILED of a stalled transfer. */
export function stalled(host: string, file: string, ms: number, cause: unknown): AppError {
  return new AppError(
    'MODEL_DOWNLOAD_FAILED',
    `No data from ${host} for ${Math.round(ms / 1000)} s while fetching ${file}; try again, raise --timeout, or set MORELIKE_HUB_URL to a mirror`,
    { cause },
  );
}
