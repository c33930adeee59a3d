/**
 * Route guards composed once per app: what every write needs (rate limit, API key, then body
 * size, in that order so an anonymous client cannot make the server read a large body), what
 * draft previews need, and the JSON body reader.
 */
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { Config } from '../config/env.js';
import { requireApiKey } from './auth.js';
import { limitBody, parseJsonBody, requireMediaType } from './body.js';
import { rateLimit } from './rate-limit.js';

export interface Guards {
  /** Rate limit, API key, then body limit: every write route starts with this. */
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
    'apiKeys' | 'maxBodyBytes' | 'rateLimitPreviewPerMinute' | 'rateLimitWritePerMinute'
  >,
): Guards {
  const limit = limitBody(config.maxBodyBytes);
  const writes = rateLimit(config.rateLimitWritePerMinute, 'writes');
  const previews = rateLimit(config.rateLimitPreviewPerMinute, 'draft previews');
  return {
    write: every(writes, requireApiKey(config.apiKeys), limit),
    preview: every(previews, limit),
    json: every(requireMediaType('application/json'), parseJsonBody),
  };
}
