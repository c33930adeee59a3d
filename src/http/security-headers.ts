/**
 * Headers every answer carries, errors and the loading phase included: `X-Content-Type-Options:
 * nosniff` (a JSON or problem body is never run as script or style) and `Referrer-Policy:
 * no-referrer` (ids in URLs never leak to other sites). Routes may set their own stricter set
 * (the editor page adds a Content-Security-Policy); a header a route set is left as it is.
 */
import type { MiddlewareHandler } from 'hono';

const DEFAULTS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** Adds the default security headers to every response that does not have them yet. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(DEFAULTS)) {
    if (!c.res.headers.has(name)) {
      c.res.headers.set(name, value);
    }
  }
};
