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
    const { services } = c.var;
    // Still ready while the store holds a model this server cannot load (lists are answered
    // from the old index); the body says so.
    const { modelId, problem } = services.indexing.model();
    return c.json({
      status: 'ready',
      articles: await services.store.count(),
      model: modelId,
      ...(problem ? { modelProblem: problem } : {}),
    });
  });
  return app;
}
