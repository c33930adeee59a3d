/**
 * Route guards composed once per app: what every write needs (API key, rate limit, then body
 * size: the key first, so a refused request never spends the write budget of the address, and
 * both before the body, so an anonymous client cannot make the server read a large body), what
 * draft previews need, and the JSON body reader.
 */
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { Config } from '../config/env.js';
import { requireApiKey } from './auth.js';
import { limitBody, parseJsonBody, requireMediaType } from './body.js';
import { rateLimit } from './rate-limit.js';

export interface Guards {
  /** API key, rate limit, then body limit: every write route starts with this. */
  readonly write: MiddlewareHandler;
  /** Rate limit and body limit, for draft previews (public, but they embed text). */
  readonly preview: MiddlewareHandler;
  /** application/json (or +json) and a body that parses. */
  readonly json: MiddlewareHandler;
}

/** Builds the guards from the configuration. */
export function createGuards(
  config: Pick<
    Config,
    | 'apiKeys'
    | 'maxBodyBytes'
    | 'rateLimitPreviewPerMinute'
    | 'rateLimitWritePerMinute'
    | 'trustProxy'
  >,
): Guards {
  const limit = limitBody(config.maxBodyBytes);
  const { trustProxy } = config;
  // Only accepted writes count: an authorised client's own invalid request costs nothing either.
  const writes = rateLimit({
    perMinute: config.rateLimitWritePerMinute,
    what: 'writes',
    trustProxy,
    countFailed: false,
  });
  const previews = rateLimit({
    perMinute: config.rateLimitPreviewPerMinute,
    what: 'draft previews',
    trustProxy,
  });
  return {
    write: every(requireApiKey(config.apiKeys), writes, limit),
    preview: every(previews, limit),
    json: every(requireMediaType('application/json'), parseJsonBody),
  };
}
