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
    const { store, index } = c.var.services;
    const unavailable = (reason: string) =>
      c.json({ status: 'ready', store: 'unavailable', storeError: reason, indexed: index.size() });
    const down = store.unreachable?.();
    if (down !== undefined) {
      return unavailable(down);
    }
    try {
      return c.json({ status: 'ready', store: 'ok', articles: await store.count() });
    } catch (error) {
      if (isAppError(error, 'STORE_UNAVAILABLE')) {
        return unavailable(error.detail);
      }
      throw error;
    }
  });
  return app;
}
