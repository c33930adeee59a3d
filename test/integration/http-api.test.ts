/**
 * The HTTP API against the real server (real buildServices, SQLite in a temp folder, the shipped
 * model, HNSW) on port 0 with real fetch: every route's success and every error code it answers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, send } from '../helpers/requests.js';
import { startTestServer, TEST_API_KEY, type TestServer } from '../helpers/test-server.js';

interface ListBody {
  source: { id: string | null; title: string };
  model: string;
  items: { id: string; score: number; pinned: boolean; reasons: string[] }[];
}

const FIXTURE = JSON.parse(
  readFileSync(new URL('../fixtures/preview-articles.json', import.meta.url), 'utf8'),
) as { id: string; title: string }[];

let server: TestServer;
const at = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

beforeAll(async () => {
  server = await startTestServer({
    MORELIKE_MAX_BODY_BYTES: String(64 * 1024),
    MORELIKE_RATE_LIMIT_PREVIEW: '6',
    MORELIKE_CORS_ORIGINS: 'https://news.example',
  });
  const res = await at('/v1/articles/batch', send('POST', FIXTURE));
  expect(await res.json()).toEqual({ accepted: FIXTURE.length, rejected: [] });
});

afterAll(async () => {
  await server?.close();
});

describe('reads', () => {
  it('answers liveness and readiness', async () => {
    expect(await (await at('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await at('/readyz')).status).toBe(200);
  });

  it('answers a related list with the same story first', async () => {
    const res = await at('/v1/articles/rail-1/related');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.source.id).toBe('rail-1');
    expect(
      body.items
        .map((i) => i.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['rail-2', 'rail-3']);
    expect(body.items.map((i) => i.id)).not.toContain('bake-1');
  });

  it('answers 304 to If-None-Match and a new ETag after a write', async () => {
    const first = await at('/v1/articles/cup-1/related');
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await at('/v1/articles/cup-1/related', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    await at(
      '/v1/articles/cup-4',
      send('PUT', { title: 'City parade the cup through the streets' }),
    );
    const after = await at('/v1/articles/cup-1/related', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('answers the stored article, stats, metrics, OpenAPI and docs', async () => {
    expect(await (await at('/v1/articles/flood-1')).json()).toMatchObject({ id: 'flood-1' });
    const stats = (await (await at('/v1/stats')).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ model: expect.any(String), dimensions: expect.any(Number) });
    expect(stats.articles).toBeGreaterThanOrEqual(FIXTURE.length);
    const metrics = await (await at('/metrics')).text();
    expect(metrics).toContain(
      'morelike_http_requests_total{method="GET",route="/v1/articles/:id/related"',
    );
    expect(metrics).toContain('morelike_embedding_duration_seconds_count');
    expect(metrics).toContain('process_resident_memory_bytes');
    expect(((await (await at('/openapi.json')).json()) as { openapi: string }).openapi).toBe(
      '3.1.0',
    );
    expect(await (await at('/docs')).text()).toContain('/v1/articles/{id}/related');
  });

  it('answers the list of an unsaved draft without a key', async () => {
    const draft = { title: 'Rail strike: drivers walk out again over pay', limit: 3 };
    const res = await at('/v1/related', send('POST', draft, { key: null }));
    const body = (await res.json()) as ListBody;
    expect(body.source.id).toBeNull();
    expect(body.items[0]?.id).toMatch(/^rail-/);
  });

  it('answers a CORS preflight for a configured origin and exposes ETag', async () => {
    const res = await at('/v1/articles/flood-1', {
      method: 'OPTIONS',
      headers: { Origin: 'https://news.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    const get = await at('/v1/articles/flood-1/related', {
      headers: { Origin: 'https://news.example' },
    });
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
  });
});

describe('writes', () => {
  it('creates (201), updates (200), reads and deletes (204) an id with a slash', async () => {
    const path = '/v1/articles/news%2F2026%2Fharbour';
    const created = await at(path, send('PUT', { title: 'Harbour wall repaired at last' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: 'news/2026/harbour', indexed: true });
    expect((await at(path, send('PUT', { title: 'Harbour wall repaired' }))).status).toBe(200);
    expect(await (await at(path)).json()).toMatchObject({ title: 'Harbour wall repaired' });
    expect((await at(path, send('DELETE'))).status).toBe(204);
    expect(await problem(await at(path))).toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
  });

  it('saves overrides and the list follows them', async () => {
    const put = await at(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: ['bake-1'], blocked: ['flood-2'] }),
    );
    expect(await put.json()).toEqual({ pinned: ['bake-1'], blocked: ['flood-2'] });
    expect(await (await at('/v1/articles/flood-1/overrides')).json()).toEqual({
      pinned: ['bake-1'],
      blocked: ['flood-2'],
    });
    const list = (await (await at('/v1/articles/flood-1/related')).json()) as ListBody;
    expect(list.items[0]).toMatchObject({ id: 'bake-1', pinned: true });
    expect(list.items.map((i) => i.id)).not.toContain('flood-2');
  });

  it('stores the valid items of a mixed NDJSON batch and reports the bad ones', async () => {
    const text = '{"id":"n1","title":"One"}\n{"id":"n 2","title":"Two"}\n';
    const res = await at(
      '/v1/articles/batch',
      send('POST', text, { type: 'application/x-ndjson' }),
    );
    const body = (await res.json()) as {
      accepted: number;
      rejected: { index: number; id: string }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toMatchObject([{ index: 1, id: 'n 2' }]);
    expect((await at('/v1/articles/n1')).status).toBe(200);
  });
});

describe('every error code', () => {
  it.each([
    ['VALIDATION_FAILED', 400, () => at('/v1/articles/x', send('PUT', { title: '' }))],
    ['VALIDATION_FAILED', 400, () => at('/v1/articles/rail-1/related?limit=0')],
    ['ID_MISMATCH', 400, () => at('/v1/articles/x', send('PUT', { id: 'y', title: 'T' }))],
    ['ARTICLE_NOT_FOUND', 404, () => at('/v1/articles/missing/related')],
    ['ROUTE_NOT_FOUND', 404, () => at('/v1/nothing')],
    ['METHOD_NOT_ALLOWED', 405, () => at('/v1/stats', { method: 'DELETE' })],
    ['AUTH_REQUIRED', 401, () => at('/v1/articles/x', send('PUT', { title: 'T' }, { key: null }))],
    [
      'AUTH_INVALID',
      401,
      () => at('/v1/articles/x', send('PUT', { title: 'T' }, { key: `${TEST_API_KEY}-no` })),
    ],
    [
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      () => at('/v1/articles/x', send('PUT', 'title=T', { type: 'text/plain' })),
    ],
    [
      'PAYLOAD_TOO_LARGE',
      413,
      () => at('/v1/articles/x', send('PUT', { title: 'T', body: 'x'.repeat(70_000) })),
    ],
    [
      'BATCH_TOO_LARGE',
      413,
      () =>
        at(
          '/v1/articles/batch',
          send(
            'POST',
            Array.from({ length: 1001 }, (_, i) => ({ id: `${i}` })),
          ),
        ),
    ],
  ])('answers %s with %i', async (code, status, request) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(await problem(res)).toMatchObject({
      code,
      status,
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('answers PAYLOAD_TOO_LARGE for a chunked body without Content-Length', async () => {
    const chunk = new TextEncoder().encode(`{"title":"${'x'.repeat(40_000)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const init = { ...send('PUT', '{}'), body, duplex: 'half' } as RequestInit;
    const res = await at('/v1/articles/x', init);
    expect(await problem(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('answers RATE_LIMITED once a client sends too many draft previews', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await at('/v1/related', send('POST', { title: 'Flu vaccine' }));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await problem(res)).toMatchObject({ code: 'RATE_LIMITED' });
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toContain(429);
  });
});
