/**
 * Liveness and readiness. An app built by `createApp` has its services, so it is ready; while the
 * model and index load, `server.ts` answers with `createLoadingApp` (readyz 503) instead. With a
 * shared store out of reach the server stays ready (related lists and reads go on from memory;
 * only writes answer 503), and the body says so: `"store":"unavailable"` with the reason.
 */
import { Hono } from 'hono';
import { isAppError } from '../../errors.js';
import type { AppEnv } from '../app-env.js';

/** GET /healthz and GET /readyz of a ready app. */
export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const { store, index, indexing } = c.var.services;
    // Still ready while the store holds a model this server cannot load (lists are answered
    // from the old index); the body says so.
    const { modelId, problem } = indexing.model();
    const model = { model: modelId, ...(problem ? { modelProblem: problem } : {}) };
    const unavailable = (reason: string) =>
      c.json({
        status: 'ready',
        store: 'unavailable',
        storeError: reason,
        indexed: index.size(),
        ...model,
      });
    const down = store.unreachable?.();
    if (down !== undefined) {
      return unavailable(down);
    }
    try {
      return c.json({ status: 'ready', store: 'ok', articles: await store.count(), ...model });
    } catch (error) {
      if (isAppError(error, 'STORE_UNAVAILABLE')) {
        return unavailable(error.detail);
      }
      throw error;
    }
  });
  return app;
}
