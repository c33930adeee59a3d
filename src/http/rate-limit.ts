/**
 * Per-client rate limits (fixed one-minute windows) through hono-rate-limiter: draft previews
 * embed text and writes change the index, so each is capped per client address
 * (MORELIKE_RATE_LIMIT_PREVIEW / _WRITE). Over the cap: 429 RATE_LIMITED with Retry-After. Reads
 * of stored lists are never limited.
 *
 * Memory is bounded without ever freeing a limited client: windows live in an LRU of at most
 * `maxClients` entries, and a client over its cap is also held in a second LRU of limited
 * clients, so pushing it out takes `maxClients` other clients each over the cap themselves.
 * The client address is the socket's, or with MORELIKE_TRUST_PROXY = N the N-th address from
 * the right of X-Forwarded-For (the one the nearest trusted proxy saw), so a client cannot
 * choose its own address by sending the header. An IPv6 client is counted by its /64 network
 * (one subscriber's prefix: a client holding a /64 could otherwise take a fresh address for
 * every request), an IPv4-mapped IPv6 address as the IPv4 address it is; addresses are parsed
 * with ipaddr.js.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { type RateLimitInfo, rateLimiter, type Store } from 'hono-rate-limiter';
import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';

const WINDOW_MS = 60_000;
/** Clients whose windows are kept (per limiter); the least recently seen is forgotten first. */
export const MAX_CLIENTS = 50_000;

export interface RateLimitOptions {
  /** Requests allowed per client and window. */
  readonly perMinute: number;
  /** What is counted, for the 429 message (`writes`, `draft previews`). */
  readonly what: string;
  /** Proxies in front of the server whose X-Forwarded-For entries are believed (0 = none). */
  readonly trustProxy: number;
  /** False: requests answered 400 or above cost nothing (default true: every request counts). */
  readonly countFailed?: boolean;
  readonly maxClients?: number;
  readonly now?: () => number;
}

/** The client's address; `local` when there is no socket (in-process `app.request`). */
export function clientAddress(c: Context, trustProxy: number): string {
  let socket: string;
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    socket = 'local';
  }
  if (trustProxy <= 0) {
    return socket;
  }
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? socket;
}

/** What a client is counted under: its IPv4 address, or its IPv6 /64 network (see the top). */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) {
    return address;
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    return parsed.toString();
  }
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) {
    return v6.toIPv4Address().toString();
  }
  const network = v6.parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}

interface Window {
  hits: number;
  resetAt: number;
}

/** A hono-rate-limiter store of fixed windows, bounded as the module comment says. */
export function boundedWindowStore(
  perMinute: number,
  maxClients = MAX_CLIENTS,
  now: () => number = Date.now,
): Store {
  const windows = new LRUCache<string, Window>({ max: maxClients });
  const limited = new LRUCache<string, Window>({ max: maxClients });
  return {
    increment(key) {
      const time = now();
      let window = limited.get(key) ?? windows.get(key);
      if (window === undefined || window.resetAt <= time) {
        window = { hits: 0, resetAt: time + WINDOW_MS };
        windows.set(key, window);
        limited.delete(key);
      }
      window.hits += 1;
      if (window.hits > perMinute) {
        limited.set(key, window);
      }
      return { totalHits: window.hits, resetTime: new Date(window.resetAt) };
    },
    decrement(key) {
      const window = limited.peek(key) ?? windows.peek(key);
      if (window !== undefined && window.hits > 0) {
        window.hits -= 1;
      }
    },
    resetKey(key) {
      windows.delete(key);
      limited.delete(key);
    },
  };
}

/** A limiter allowing `perMinute` requests per client and window. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { perMinute, what, now = Date.now } = options;
  return rateLimiter({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: false,
    skipFailedRequests: options.countFailed === false,
    keyGenerator: (c) => clientKey(clientAddress(c, options.trustProxy)),
    store: boundedWindowStore(perMinute, options.maxClients, now),
    handler: (c) => {
      const info = c.get('rateLimit' as never) as RateLimitInfo | undefined;
      const resetAt = info?.resetTime?.getTime() ?? now() + WINDOW_MS;
      const retryAfterSeconds = Math.max(0, resetAt - now()) / 1000;
      throw new AppError(
        'RATE_LIMITED',
        `More than ${perMinute} ${what} per minute from this client; retry in ${Math.ceil(retryAfterSeconds)} s`,
        { details: { retryAfterSeconds } },
      );
    },
  });
}
