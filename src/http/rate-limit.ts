/**
 * Per-client rate limits (fixed one-minute windows): draft previews embed text and writes change
 * the index, so each is capped per client address (MORELIKE_RATE_LIMIT_PREVIEW / _WRITE).
 * Over the cap: 429 RATE_LIMITED with Retry-After. Reads of stored lists are never limited.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

const WINDOW_MS = 60_000;
/** Windows kept before old clients are forgotten, so the map cannot grow without bound. */
const MAX_CLIENTS = 10_000;

/** The client's address; `local` when there is no socket (in-process `app.request`). */
function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/** A limiter allowing `perMinute` requests per client and window. */
export function rateLimit(
  perMinute: number,
  what: string,
  now: () => number = Date.now,
): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const time = now();
    const client = clientOf(c);
    let window = windows.get(client);
    if (window === undefined || time - window.start >= WINDOW_MS) {
      if (windows.size >= MAX_CLIENTS) {
        windows.clear();
      }
      window = { start: time, count: 0 };
      windows.set(client, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfterSeconds = (window.start + WINDOW_MS - time) / 1000;
      throw new AppError(
        'RATE_LIMITED',
        `More than ${perMinute} ${what} per minute from this client; retry in ${Math.ceil(retryAfterSeconds)} s`,
        { details: { retryAfterSeconds } },
      );
    }
    await next();
  };
}
