/**
 * Write authorization: `Authorization: Bearer <key>` with a key from MORELIKE_API_KEYS. Keys are
 * compared as SHA-256 digests with `timingSafeEqual`, so neither the content nor the length of a
 * key leaks through timing. With no key configured every write is refused (never open by default).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Middleware that lets a request through only with one of `apiKeys` as its bearer token. */
export function requireApiKey(apiKeys: readonly string[]): MiddlewareHandler {
  const digests = apiKeys.map(digest);
  return async (c, next) => {
    if (digests.length === 0) {
      throw new AppError(
        'AUTH_REQUIRED',
        'Writes are disabled: no API key is configured on this server (set MORELIKE_API_KEYS)',
      );
    }
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      throw new AppError('AUTH_REQUIRED', 'Send an API key as `Authorization: Bearer <key>`');
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined || !matchesAny(digest(token), digests)) {
      throw new AppError('AUTH_INVALID', 'The API key is not one of the configured keys');
    }
    await next();
  };
}

/** Compares against every key, without stopping early, so timing does not tell which matched. */
function matchesAny(candidate: Buffer, digests: readonly Buffer[]): boolean {
  let found = false;
  for (const known of digests) {
    found = timingSafeEqual(candidate, known) || found;
  }
  return found;
}
