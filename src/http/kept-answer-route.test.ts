import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../test/helpers/fake-services.js';
import { send } from '../../test/helpers/requests.js';
import { createLogger, silentLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import { createApp } from './app.js';
import { type AppFetch, pageViewId, withKeptAnswers } from './kept-answer-route.js';

const URL_OF = (path: string) => `http://localhost${path}`;

/** The kept-answer path over one ready, rendered list `a1`, in front of an app that counts. */
function keptPath(options: { enabled?: boolean; ready?: boolean; rendered?: boolean } = {}) {
  const calls: string[] = [];
  const app: AppFetch = (request) => {
    calls.push(request.url);
    return new Response('{"from":"app"}', {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-frame-options': 'DENY', etag: 'W/"x"' },
    });
  };
  const metrics = createMetrics();
  const fetch = withKeptAnswers(
    {
      services: {
        index: { has: (id: string) => id === 'a1' } as unknown as Services['index'],
        lists: { ready: () => (options.ready === false ? undefined : 7) } as never,
      },
      defaults: {
        kept: (id, version) =>
          options.rendered === false || version !== 7
            ? undefined
            : { body: `{"kept":"${id}"}`, etag: 'W/"k7"' },
      },
      logger: silentLogger(),
      metrics,
      enabled: options.enabled ?? true,
    },
    app,
  );
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new Request(URL_OF(path), { method, headers }));
  return { calls, get, metrics };
}

describe('pageViewId', () => {
  it('reads the id of a plain page view only', () => {
    expect(pageViewId('http://h:3000/v1/articles/a-1.x:y/related')).toBe('a-1.x:y');
    expect(pageViewId('http://h/v1/articles/a1/related?limit=3')).toBeUndefined();
    expect(pageViewId('http://h/v1/articles/a%2F1/related')).toBeUndefined();
    expect(pageViewId('http://h/v1/articles/a/b/related')).toBeUndefined();
    expect(pageViewId('http://h/v1/articles//related')).toBeUndefined();
    expect(pageViewId('http://h/x/v1/articles/a1/related')).toBeUndefined();
    expect(pageViewId('http://h/v1/articles/a1/related/')).toBeUndefined();
  });
});

describe('withKeptAnswers', () => {
  it('answers a rendered list itself once the app gave it its headers', async () => {
    const { calls, get, metrics } = keptPath();
    expect(await (await get('/v1/articles/a1/related')).text()).toBe('{"from":"app"}');
    const kept = await get('/v1/articles/a1/related', { 'X-Request-Id': 'req-1' });
    expect(calls).toHaveLength(1);
    expect(await kept.text()).toBe('{"kept":"a1"}');
    expect(kept.headers.get('etag')).toBe('W/"k7"');
    expect(kept.headers.get('x-request-id')).toBe('req-1');
    expect(kept.headers.get('x-frame-options')).toBe('DENY');
    expect(kept.headers.get('content-type')).toBe('application/json');
    const fresh = await get('/v1/articles/a1/related', { 'X-Request-Id': 'bad id!' });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const counted = await metrics.registry.getSingleMetricAsString('morelike_http_requests_total');
    expect(counted).toContain('route="/v1/articles/:id/related",status="200"} 2');
  });

  it('leaves queries, conditional requests, HEAD and unknown articles to the app', async () => {
    const { calls, get } = keptPath();
    await get('/v1/articles/a1/related');
    await get('/v1/articles/a1/related?limit=2');
    await get('/v1/articles/a1/related', { 'If-None-Match': 'W/"k7"' });
    await get('/v1/articles/a1/related', {}, 'HEAD');
    await get('/v1/articles/b2/related');
    expect(calls).toHaveLength(5);
  });

  it('leaves lists that are not ready or not rendered, and an origin list, to the app', async () => {
    for (const options of [{ ready: false }, { rendered: false }, { enabled: false }]) {
      const { calls, get } = keptPath(options);
      await get('/v1/articles/a1/related');
      await get('/v1/articles/a1/related');
      expect(calls).toHaveLength(2);
    }
  });
});

describe('page views of kept answers in the app', () => {
  let services: Services;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    services = await createFakeServices({ articles: STORY_ARTICLES });
    app = createApp(services);
  });
  const ids = async (path: string) => {
    const res = await app.request(path);
    return ((await res.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  };

  it('sends the very answer and headers the app sends', async () => {
    const first = await app.request('/v1/articles/flood-1/related');
    const second = await app.request('/v1/articles/flood-1/related');
    const headers = (res: Response) =>
      [...res.headers.entries()].filter(([name]) => name !== 'x-request-id');
    expect(second.status).toBe(200);
    expect(headers(second)).toEqual(headers(first));
    expect(await second.text()).toBe(await first.text());
  });

  it('logs a kept answer as the app logs its answers', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (s) => lines.push(s) } });
    const logged = createApp(services, { logger });
    await logged.request('/v1/articles/flood-1/related');
    await logged.request('/v1/articles/flood-1/related', { headers: { 'X-Request-Id': 'r-2' } });
    const line = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ requestId: 'r-2', method: 'GET', status: 200 });
    expect(line).toMatchObject({ path: '/v1/articles/flood-1/related' });
    expect(line.route).toBe('/v1/articles/:id/related');
  });

  it('shows a new same-story article in the next page view after its write', async () => {
    await ids('/v1/articles/flood-1/related');
    expect(await ids('/v1/articles/flood-1/related')).not.toContain('flood-4');
    const sameStory = {
      title: 'Storm surge floods harbour homes as the sea wall collapses',
      body: 'The storm surge flooded the harbour town and its homes after the sea wall collapsed.',
      publishedAt: '2026-11-20T09:00:00Z',
    };
    expect((await app.request('/v1/articles/flood-4', send('PUT', sameStory))).status).toBe(201);
    expect(await ids('/v1/articles/flood-1/related')).toContain('flood-4');
  });

  it('never shows a deleted or blocked article after the write, nor a deleted list', async () => {
    await ids('/v1/articles/flood-1/related');
    expect(await ids('/v1/articles/flood-1/related')).toContain('flood-2');
    await app.request('/v1/articles/flood-1/overrides', send('PUT', { blocked: ['flood-3'] }));
    expect(await ids('/v1/articles/flood-1/related')).not.toContain('flood-3');
    expect((await app.request('/v1/articles/flood-2', send('DELETE'))).status).toBe(204);
    expect(await ids('/v1/articles/flood-1/related')).not.toContain('flood-2');
    expect((await app.request('/v1/articles/flood-2/related')).status).toBe(404);
  });
});
