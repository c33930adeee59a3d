/** GET /metrics: the app's Prometheus registry in the text exposition format. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** The metrics route. */
export function metricsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    const { registry } = c.var.metrics;
    const text = await registry.metrics();
    return c.body(text, 200, {
      'Content-Type': registry.contentType,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
