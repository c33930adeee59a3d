/**
 * Liveness and readiness. An app built by `createApp` has its services, so it is ready; while the
 * model and index load, `server.ts` answers with `createLoadingApp` (readyz 503) instead.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** GET /healthz and GET /readyz of a ready app. */
export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ready', articles: await c.var.services.store.count() });
  });
  return app;
}
