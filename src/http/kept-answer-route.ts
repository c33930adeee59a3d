/**
 * The page-view path: GET /v1/articles/:id/related with no query, for a stored article whose list
 * is ready and whose default answer is already rendered (default-answers.ts), is answered in front
 * of the Hono app, without its middleware chain, routing and header objects (each of which cost
 * more than a fixed JSON answer of the same size). The answer is the same one the app gives:
 * its headers are those of the app's own first answer of a related list (security headers, CORS,
 * Cache-Control, Content-Type), captured once, plus the request id and the list's ETag; it is
 * logged and measured as the app does (request-log.ts). Anything else (a query, a conditional
 * request, a list being recomputed, an answer not rendered yet, CORS with an origin list) goes to
 * the app, which answers as it always does.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ExecutionContext, Hono } from 'hono';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import type { DefaultAnswers } from './default-answers.js';
import { REQUEST_ID, recordRequest } from './request-log.js';

/** What the kept-answer path reads. */
export interface KeptAnswerDeps {
  readonly services: Pick<Services, 'index' | 'lists'>;
  readonly defaults: Pick<DefaultAnswers, 'kept'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** False when the CORS headers depend on the request's Origin (the path is then off). */
  readonly enabled: boolean;
}

/** The Hono app's fetch (the path hands it everything it does not answer itself). */
export type AppFetch = Hono['fetch'];

const PREFIX = '/v1/articles/';
const SUFFIX = '/related';
const ROUTE = '/v1/articles/:id/related';
/** Headers that are the answer's own, never part of the captured template. */
const OWN = new Set(['x-request-id', 'etag', 'content-length']);

/** The article id of a plain page-view URL (no query, no escapes), else undefined. */
export function pageViewId(url: string): string | undefined {
  const at = url.indexOf(PREFIX, url.indexOf('//') + 2);
  if (at < 0 || url.indexOf('/', url.indexOf('//') + 2) !== at || !url.endsWith(SUFFIX)) {
    return undefined;
  }
  const id = url.slice(at + PREFIX.length, url.length - SUFFIX.length);
  const plain = id.length > 0 && !/[/?#%]/.test(id);
  return plain ? id : undefined;
}

/** A request header, read from node's parsed headers when the server passed them (cheaper). */
function header(request: Request, env: unknown, name: string): string | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.headers !== undefined) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return request.headers.get(name) ?? undefined;
}

/** `app`'s fetch with the kept-answer path in front of it. */
export function withKeptAnswers(deps: KeptAnswerDeps, app: AppFetch): AppFetch {
  const { services, defaults, logger, metrics } = deps;
  let template: Record<string, string> | undefined;
  /** Answers through the app, keeping its headers as the template once it answered 200. */
  const capture = async (
    request: Request,
    env: unknown,
    ctx?: ExecutionContext,
  ): Promise<Response> => {
    const response = await app(request, env, ctx);
    if (template === undefined && response.status === 200) {
      const kept: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!OWN.has(name)) {
          kept[name] = value;
        }
      });
      template = kept;
    }
    return response;
  };
  return (request, env, ctx) => {
    const started = performance.now();
    const id = deps.enabled && request.method === 'GET' ? pageViewId(request.url) : undefined;
    if (id === undefined || header(request, env, 'if-none-match') !== undefined) {
      return app(request, env, ctx);
    }
    const version = services.index.has(id) ? services.lists.ready(id) : undefined;
    const answer = version === undefined ? undefined : defaults.kept(id, version);
    if (answer === undefined || template === undefined) {
      return template === undefined ? capture(request, env, ctx) : app(request, env, ctx);
    }
    const given = header(request, env, 'x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    const headers = { ...template, 'x-request-id': requestId, etag: answer.etag };
    const path = `${PREFIX}${id}${SUFFIX}`;
    const seconds = (performance.now() - started) / 1000;
    recordRequest(logger, metrics, {
      requestId,
      method: 'GET',
      path,
      route: ROUTE,
      status: 200,
      seconds,
    });
    return new Response(answer.body, { status: 200, headers });
  };
}
