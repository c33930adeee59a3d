/**
 * GET /v1/stats: counts, model id, dimensions and index size (as `morelike stats`); from memory
 * while a shared store is out of reach.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { readStats } from '../held-reads.js';

/** The stats route. */
export function statsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/v1/stats', async (c) => {
    const { services } = c.var;
    c.header('Cache-Control', 'no-store');
    return c.json({ ...(await readStats(services)), indexSize: services.index.size() });
  });
  return app;
}
