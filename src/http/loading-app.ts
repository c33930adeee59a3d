/**
 * What the server answers while the model and index load (it listens before they are ready):
 * /healthz 200, /readyz 503 and every other route 503 INDEX_NOT_READY with Retry-After.
 */
import type { Hono } from 'hono';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { baseApp } from './app.js';
import type { AppEnv } from './app-env.js';

/** The stand-in app for the loading phase. */
export function createLoadingApp(logger: Logger, metrics: Metrics): Hono<AppEnv> {
  const app = baseApp(logger, metrics);
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.all('*', () => {
    throw new AppError('INDEX_NOT_READY', 'The model and index are still loading; retry shortly', {
      details: { retryAfterSeconds: 2 },
    });
  });
  return app;
}
