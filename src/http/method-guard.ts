/**
 * 404 or 405: when no route answers, the path is compared with every registered route pattern.
 * A path that exists under other methods is METHOD_NOT_ALLOWED (with `Allow`), anything else
 * ROUTE_NOT_FOUND. Thrown, not rendered: `app.onError` renders both.
 */
import type { NotFoundHandler } from 'hono';
import { AppError } from '../errors.js';

interface Pattern {
  readonly regex: RegExp;
  readonly method: string;
}

function toRegex(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** A notFound handler that knows the routes of `app` (call after every route is registered). */
export function createNotFound(app: {
  readonly routes: readonly { method: string; path: string }[];
}): NotFoundHandler {
  let patterns: Pattern[] | undefined;
  return (c) => {
    patterns ??= app.routes
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => ({ regex: toRegex(route.path), method: route.method }));
    const allowed = new Set(patterns.filter((p) => p.regex.test(c.req.path)).map((p) => p.method));
    if (allowed.size > 0) {
      if (allowed.has('GET')) {
        allowed.add('HEAD');
      }
      allowed.add('OPTIONS');
      const allow = [...allowed].sort();
      throw new AppError(
        'METHOD_NOT_ALLOWED',
        `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(', ')}`,
        { details: { allow } },
      );
    }
    throw new AppError('ROUTE_NOT_FOUND', `No route ${c.req.method} ${c.req.path}`);
  };
}
