/**
 * GET /v1/auth: checks an API key without changing anything, so the editor page can say at once
 * whether the key it was given works. It passes the same guard as every write (rate limit of
 * writes, then the key), so it is no cheaper to guess keys here than on a write route. HEAD works
 * too (Hono answers HEAD from the GET route).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Guards } from '../guards.js';

/** The key-check route: 204 for a valid key, 401 AUTH_REQUIRED / AUTH_INVALID otherwise. */
export function keyCheckRoutes(guards: Guards): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/v1/auth', guards.write, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  });
  return app;
}
