/**
 * One structured log line and one metrics observation per request: method, path, matched route,
 * status, milliseconds and request id. Headers are never logged, so keys cannot leak. Failures
 * (5xx) log at `error`, except 503, which only INDEX_NOT_READY and STORE_UNAVAILABLE answer (the
 * service is loading, or its shared store is out of reach and says so once: expected states); probes of /healthz and /readyz log at `debug`, so an orchestrator polling every
 * few seconds does not fill the log.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { AppEnv } from './app-env.js';

/** Request ids from the client are kept when they are short and plain; otherwise a UUID. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Health probes: polled by orchestrators, logged at debug. */
const PROBES: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** The route label: the pattern that answered, or `unmatched`, so label cardinality stays bounded. */
function routeLabel(path: string): string {
  return path === '*' || path === '/*' || path === '' ? 'unmatched' : path;
}

/** One answered request, as it is logged and measured. */
export interface AnsweredRequest {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  /** The matched route pattern (see routeLabel). */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** Logs and measures one answered request (also the kept-answer path, kept-answer-route.ts). */
export function recordRequest(logger: Logger, metrics: Metrics, answered: AnsweredRequest): void {
  const { requestId, method, path, route, status, seconds } = answered;
  const labels = { method, route, status: String(status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, seconds);
  const line = { requestId, method, path, route, status, ms: Math.round(seconds * 10_000) / 10 };
  if (PROBES.has(path)) {
    logger.debug(line, 'request');
  } else if (status >= 500 && status !== 503) {
    logger.error(line, 'request failed');
  } else {
    logger.info(line, 'request');
  }
}

/** Logs and measures every request once it is answered. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    recordRequest(logger, metrics, {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      route: routeLabel(routePath(c)),
      status: c.res.status,
      seconds: (performance.now() - started) / 1000,
    });
  };
}
