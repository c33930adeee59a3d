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

/** Health probes: polled by orchestrators, logged at debug. */
const PROBES: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** The route label: the pattern that answered, or `unmatched`, so label cardinality stays bounded. */
function routeLabel(path: string): string {
  return path === '*' || path === '/*' || path === '' ? 'unmatched' : path;
}

/** Logs and measures every request once it is answered. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = routeLabel(routePath(c));
    const labels = { method: c.req.method, route, status: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
    };
    if (PROBES.has(c.req.path)) {
      logger.debug(line, 'request');
    } else if (status >= 500 && status !== 503) {
      logger.error(line, 'request failed');
    } else {
      logger.info(line, 'request');
    }
  };
}
