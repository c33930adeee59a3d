import { beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeServices,
  STORY_ARTICLES,
  TEST_API_KEY,
} from '../../test/helpers/fake-services.js';
import { articleBody, problem, send } from '../../test/helpers/requests.js';
import { createLogger } from '../observability/logger.js';
import type { Services } from '../services.js';
import { createApp } from './app.js';

let services: Services;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  services = await createFakeServices({ articles: STORY_ARTICLES });
  app = createApp(services);
});

describe('health, stats and metrics', () => {
  it('answers liveness and readiness', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'ok' });
  });

  it('stays ready and says so when the shared store is out of reach', async () => {
    const down =
      'The PostgreSQL store at db:5432/news cannot be reached (ECONNREFUSED); retry later';
    const unreachableApp = createApp({
      ...services,
      store: { ...services.store, unreachable: () => down },
    });
    const ready = await unreachableApp.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      store: 'unavailable',
      storeError: down,
      indexed: STORY_ARTICLES.length,
      model: services.indexing.model().modelId,
    });
  });

  it('answers counts, model, dimensions and index size', async () => {
    const res = await app.request('/v1/stats');
    expect(await res.json()).toMatchObject({
      articles: STORY_ARTICLES.length,
      indexed: STORY_ARTICLES.length,
      indexSize: STORY_ARTICLES.length,
      model: services.embedder.modelId,
      dimensions: services.embedder.dimensions,
    });
  });

  it('counts requests per route and status in Prometheus format', async () => {
    await app.request('/v1/articles/flood-1/related');
    await app.request('/v1/articles/nope');
    const res = await app.request('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain(
      'morelike_http_requests_total{method="GET",route="/v1/articles/:id/related",status="200"} 1',
    );
    expect(text).toContain('route="/v1/articles/:id",status="404"');
    expect(text).toContain('morelike_http_request_duration_seconds_bucket');
    expect(text).toContain(`morelike_articles_indexed ${STORY_ARTICLES.length}`);
    expect(text).toContain(`morelike_index_size ${STORY_ARTICLES.length}`);
  });
});

describe('documentation', () => {
  it('publishes an OpenAPI document generated from the schemas', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/articles/{id}',
        '/v1/articles/batch',
        '/v1/related',
        '/v1/stats',
      ]),
    );
    expect(JSON.stringify(doc.paths['/v1/articles/{id}']?.put?.requestBody)).toContain(
      '"$ref":"#/components/schemas/ArticleUpsert"',
    );
    expect(doc.paths['/v1/articles/{id}/related']?.get?.parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', in: 'query' }),
    );
  });

  it('serves a self-contained HTML reference with every error code', async () => {
    const res = await app.request('/docs');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/v1/articles/{id}/related');
    expect(html).toContain('id="error-batch-too-large"');
    expect(html).not.toMatch(/<script|src="https?:|href="https?:/);
  });
});

describe('errors', () => {
  it('returns 404 ROUTE_NOT_FOUND for an unknown route', async () => {
    const res = await app.request('/v2/nothing');
    expect(await problem(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
  });

  it('returns 405 METHOD_NOT_ALLOWED with Allow for a known path', async () => {
    const res = await app.request('/v1/stats', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expect(await problem(res)).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers an unknown failure with a generic 500 that leaks nothing', async () => {
    const broken: Services = {
      ...services,
      related: {
        forArticle: () => Promise.reject(new Error('secret /var/data path')),
        forDraft: () => Promise.reject(new Error('secret')),
      },
      lists: {
        ...services.lists,
        version: () => Promise.reject(new Error('secret /var/data path')),
      },
    };
    const res = await createApp(broken).request('/v1/articles/flood-1/related');
    expect(res.status).toBe(500);
    const body = await problem(res);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('returns 413 PAYLOAD_TOO_LARGE beyond the body limit', async () => {
    const small = createApp(await createFakeServices({ config: { maxBodyBytes: 100 } }));
    const res = await small.request('/v1/articles/a', send('PUT', articleBody('x'.repeat(200))));
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('returns 429 RATE_LIMITED with Retry-After beyond the preview rate', async () => {
    const limited = createApp(
      await createFakeServices({ config: { rateLimitPreviewPerMinute: 2 } }),
    );
    const draft = () => limited.request('/v1/related', send('POST', { title: 'Storm' }));
    expect((await draft()).status).toBe(200);
    expect((await draft()).status).toBe(200);
    const res = await draft();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problem(res)).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('auth', () => {
  it('refuses writes with 401 AUTH_REQUIRED when no key is configured, whatever is sent', async () => {
    const open = createApp(await createFakeServices({ config: { apiKeys: [] } }));
    const res = await open.request('/v1/articles/a', send('PUT', articleBody('T')));
    expect(await problem(res)).toMatchObject({ code: 'AUTH_REQUIRED', status: 401 });
  });

  it.each([
    ['a wrong key', `Bearer ${TEST_API_KEY}x`],
    ['another scheme', `Basic ${TEST_API_KEY}`],
  ])('returns 401 AUTH_INVALID for %s', async (_name, header) => {
    const res = await app.request('/v1/articles/a', {
      ...send('PUT', articleBody('T'), { key: null }),
      headers: { 'Content-Type': 'application/json', Authorization: header },
    });
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(await problem(res)).toMatchObject({ code: 'AUTH_INVALID', status: 401 });
  });

  it('lets reads through without a key', async () => {
    expect((await app.request('/v1/articles/flood-1')).status).toBe(200);
  });
});

describe('request ids, logs and CORS', () => {
  it('echoes a given X-Request-Id and puts it in problems', async () => {
    const res = await app.request('/v1/articles/nope', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(await problem(res)).toMatchObject({ requestId: 'abc-123' });
  });

  it('generates a request id when none is given', async () => {
    const res = await app.request('/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request without the authorization header', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (s) => lines.push(s) } });
    const logged = createApp(services, { logger });
    await logged.request('/v1/articles/z', send('PUT', articleBody('T')));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ method: 'PUT', path: '/v1/articles/z', status: 201 });
    expect(typeof line.requestId).toBe('string');
    expect(typeof line.ms).toBe('number');
    expect(lines[0]).not.toContain(TEST_API_KEY);
  });

  it('answers a CORS preflight and exposes ETag', async () => {
    const res = await app.request('/v1/articles/flood-1/related', {
      method: 'OPTIONS',
      headers: { Origin: 'https://site.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const get = await app.request('/v1/articles/flood-1/related', {
      headers: { Origin: 'https://site.example' },
    });
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('sends Vary: Origin once on related lists with configured origins, and none with *', async () => {
    const strict = createApp(
      await createFakeServices({
        articles: STORY_ARTICLES,
        config: { corsOrigins: ['https://news.example'] },
      }),
    );
    const headers = { Origin: 'https://news.example' };
    const list = await strict.request('/v1/articles/flood-1/related', { headers });
    expect(list.headers.get('vary')).toBe('Origin');
    const etag = list.headers.get('etag') ?? '';
    const fresh = await strict.request('/v1/articles/flood-1/related', {
      headers: { ...headers, 'If-None-Match': etag },
    });
    expect(fresh.status).toBe(304);
    expect(fresh.headers.get('vary')).toBe('Origin');
    const open = await app.request('/v1/articles/flood-1/related', { headers });
    expect(open.headers.get('vary')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const strict = createApp(
      await createFakeServices({ config: { corsOrigins: ['https://news.example'] } }),
    );
    const ok = await strict.request('/healthz', { headers: { Origin: 'https://news.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://news.example');
    const other = await strict.request('/healthz', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
