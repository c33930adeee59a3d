/**
 * The HTTP app: `createApp(services, options)` wires request ids, logs and metrics, CORS, every
 * route of the contract, and the single error renderer. Handlers find the services on the
 * context (`c.var.services`); nothing here constructs an adapter.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { type Logger, silentLogger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import type { AppEnv } from './app-env.js';
import { createDefaultAnswers, type DefaultAnswers } from './default-answers.js';
import { createGuards } from './guards.js';
import { withKeptAnswers } from './kept-answer-route.js';
import { createNotFound } from './method-guard.js';
import { createErrorHandler } from './on-error.js';
import { previewRoutes } from './preview/routes.js';
import { renderList } from './related-etag.js';
import { REQUEST_ID, requestLog } from './request-log.js';
import { articleRoutes } from './routes/articles.js';
import { batchRoutes } from './routes/batch.js';
import { healthRoutes } from './routes/health.js';
import { keyCheckRoutes } from './routes/key-check.js';
import { metricsRoutes } from './routes/metrics.js';
import { openApiRoutes } from './routes/openapi.js';
import { overridesRoutes } from './routes/overrides.js';
import { relatedRoutes } from './routes/related.js';
import { statsRoutes } from './routes/stats.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  /** Request log sink; silent by default (tests). */
  readonly logger?: Logger;
  /** Metrics registry; a fresh one by default. */
  readonly metrics?: Metrics;
  /** Version shown in the OpenAPI document. */
  readonly version?: string;
  /**
   * The lists' kept default answers (a server passes the ones it renders in the background);
   * by default answers are kept as they are first asked for.
   */
  readonly defaults?: DefaultAnswers;
}

/** The default answers of `services`' lists, rendered as they are asked for (see `prerender`). */
export function defaultAnswersOf(services: Services): DefaultAnswers {
  return createDefaultAnswers({
    lists: services.lists,
    alive: (id) => services.index.has(id),
    render: renderList,
  });
}

/** Shared first middleware of every app (also the loading app): request id, logging, headers. */
export function baseApp(logger: Logger, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(
    requestId({
      headerName: 'X-Request-Id',
      generator: (c) => {
        const given = c.req.header('x-request-id');
        return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
      },
    }),
  );
  app.use(async (c, next) => {
    c.set('logger', logger);
    c.set('metrics', metrics);
    await next();
  });
  app.use(requestLog(logger, metrics));
  app.use(securityHeaders);
  app.onError(createErrorHandler(logger));
  return app;
}

/** Builds the whole API around `services`. */
export function createApp(services: Services, options: AppOptions = {}): Hono<AppEnv> {
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? createMetrics();
  metrics.bind({ articles: () => services.store.count(), indexSize: () => services.index.size() });
  const { config } = services;
  const guards = createGuards(config);
  const app = baseApp(logger, metrics);
  const origins = [...config.corsOrigins];
  const corsHeaders = cors({
    origin: origins.length === 0 || origins.includes('*') ? '*' : origins,
    allowMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: ['ETag', 'X-Request-Id', 'Location', 'Retry-After'],
    maxAge: 600,
  });
  // A preflight is answered by the CORS middleware; any other answer gets its CORS headers once
  // it is made. (Set before the route runs, they would make Hono copy the route's answer into a
  // new one, turning a ready body into a stream: a quarter of a cached list's cost.)
  app.use(async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return corsHeaders(c, next);
    }
    await next();
    await corsHeaders(c, async () => {});
  });
  app.use(async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.route('/', healthRoutes());
  app.route('/', batchRoutes(guards, config.maxBatch));
  const defaults = options.defaults ?? defaultAnswersOf(services);
  app.route('/', relatedRoutes(guards, defaults));
  app.route('/', overridesRoutes(guards));
  app.route('/', articleRoutes(guards));
  app.route('/', statsRoutes());
  app.route('/', keyCheckRoutes(guards));
  app.route('/', metricsRoutes());
  app.route('/', openApiRoutes(options.version ?? '0.1.0'));
  app.route('/', previewRoutes());
  app.notFound(createNotFound(app));
  // Page views of ready lists are answered in front of the middleware (kept-answer-route.ts).
  const enabled = origins.length === 0 || origins.includes('*');
  app.fetch = withKeptAnswers({ services, defaults, logger, metrics, enabled }, app.fetch);
  return app;
}
