import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../../test/helpers/fake-services.js';
import { generatedArticle } from '../../../test/helpers/generated-corpus.js';
import { articleBody, problem, send } from '../../../test/helpers/requests.js';
import type { Services } from '../../services.js';
import { createApp } from '../app.js';

interface ListBody {
  source: { id: string | null; title: string };
  model: string;
  items: { id: string; score: number; pinned: boolean; reasons: string[] }[];
}

let services: Services;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  services = await createFakeServices({ articles: STORY_ARTICLES });
  app = createApp(services);
});

/**
 * The story articles among enough others (none about floods) that one write moves the archive
 * by less than 2%, so the archive-wide statistics stay as they are.
 */
async function largerArchive() {
  const others = Array.from({ length: 80 }, (_, i) => generatedArticle(i)).filter(
    (_, i) => i % 5 !== 0,
  );
  const larger = await createFakeServices({ articles: [...STORY_ARTICLES, ...others] });
  return { larger, request: createApp(larger).request };
}

describe('GET /v1/articles/:id/related', () => {
  it('answers the contract shape, same story first, never the source', async () => {
    const res = await app.request('/v1/articles/flood-1/related');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.source).toEqual({ id: 'flood-1', title: STORY_ARTICLES[0]?.title, language: 'en' });
    expect(body.model).toBe(services.embedder.modelId);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.map((i) => i.id)).not.toContain('flood-1');
    expect(body.items[0]?.id).toMatch(/^flood-/);
    for (const item of body.items) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }
  });

  it('sends Cache-Control and a weak ETag', async () => {
    const res = await app.request('/v1/articles/flood-1/related');
    expect(res.headers.get('cache-control')).toMatch(/max-age=60/);
    expect(res.headers.get('etag')).toMatch(/^W\/".+"$/);
  });

  it('answers 304 with no body for a matching If-None-Match', async () => {
    const first = await app.request('/v1/articles/flood-1/related?limit=3');
    const etag = first.headers.get('etag') ?? '';
    const second = await app.request('/v1/articles/flood-1/related?limit=3', {
      headers: { 'If-None-Match': etag },
    });
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe('');
  });

  it('changes the ETag with the query and after a write that changes the list', async () => {
    const { request } = await largerArchive();
    const a = (await request('/v1/articles/flood-1/related')).headers.get('etag');
    const b = (await request('/v1/articles/flood-1/related?limit=1')).headers.get('etag');
    expect(b).not.toBe(a);
    const sameStory = {
      title: 'Storm surge floods harbour homes as the sea wall collapses',
      body: 'The storm surge flooded the harbour town and its homes after the sea wall collapsed; firefighters pumped water from flooded homes.',
      publishedAt: '2026-11-20T09:00:00Z',
    };
    await request('/v1/articles/flood-4', send('PUT', sameStory));
    const res = await request('/v1/articles/flood-1/related', {
      headers: { 'If-None-Match': a ?? '' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(a);
    expect(((await res.json()) as ListBody).items.map((i) => i.id)).toContain('flood-4');
  });

  it('keeps the ETag of a list, and answers 304, after a write to an unrelated article', async () => {
    const { larger, request } = await largerArchive();
    const first = await request('/v1/articles/flood-1/related');
    const etag = first.headers.get('etag') ?? '';
    const computed = larger.lists.progress().computed;
    await request('/v1/articles/bakery-2', send('PUT', articleBody('Bakery bread oven bakers')));
    const again = await request('/v1/articles/flood-1/related', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    // Only the written article's list and the lists near it were recomputed, not this one.
    expect(larger.lists.progress().computed - computed).toBeLessThan(10);
  });

  it('never shows a deleted article, from the answer right after its DELETE', async () => {
    const before = (await (await app.request('/v1/articles/flood-1/related')).json()) as ListBody;
    expect(before.items.map((i) => i.id)).toContain('flood-2');
    expect((await app.request('/v1/articles/flood-2', send('DELETE'))).status).toBe(204);
    const after = (await (await app.request('/v1/articles/flood-1/related')).json()) as ListBody;
    expect(after.items.map((i) => i.id)).not.toContain('flood-2');
  });

  it('changes the ETag when overrides change', async () => {
    const a = (await app.request('/v1/articles/flood-1/related')).headers.get('etag');
    await app.request('/v1/articles/flood-1/overrides', send('PUT', { blocked: ['flood-2'] }));
    const b = await app.request('/v1/articles/flood-1/related', {
      headers: { 'If-None-Match': a ?? '' },
    });
    expect(b.status).toBe(200);
    expect(((await b.json()) as ListBody).items.map((i) => i.id)).not.toContain('flood-2');
  });

  it('applies limit and excludeIds', async () => {
    const res = await app.request('/v1/articles/flood-1/related?limit=1&excludeIds=flood-2');
    const body = (await res.json()) as ListBody;
    expect(body.items.length).toBeLessThanOrEqual(1);
    expect(body.items.map((i) => i.id)).not.toContain('flood-2');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=2.5', 'limit'],
    ['minScore=1.5', 'minScore'],
    ['diversity=-1', 'diversity'],
    ['maxAgeDays=abc', 'maxAgeDays'],
  ])('returns 400 VALIDATION_FAILED naming the field for %s', async (query, field) => {
    const res = await app.request(`/v1/articles/flood-1/related?${query}`);
    const body = await problem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it('answers a query-less page view like the same list asked with a query', async () => {
    const bare = await app.request('/v1/articles/flood-1/related');
    const asked = await app.request('/v1/articles/flood-1/related?limit=6');
    expect(await bare.text()).toBe(await asked.text());
    // The ready answer is sent with every header of the app, not only the route's.
    const again = await app.request('/v1/articles/flood-1/related', {
      headers: { Origin: 'https://site.example', 'X-Request-Id': 'page-view-1' },
    });
    expect(again.headers.get('x-request-id')).toBe('page-view-1');
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('still validates an id that is not stored, before the query', async () => {
    const res = await app.request('/v1/articles/bad%20id/related?limit=0');
    const body = await problem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('returns 404 ARTICLE_NOT_FOUND for an unknown source', async () => {
    const res = await app.request('/v1/articles/nope/related');
    expect(await problem(res)).toMatchObject({ code: 'ARTICLE_NOT_FOUND', status: 404 });
  });
});

describe('POST /v1/related', () => {
  it('answers the list of an unsaved draft, without a key', async () => {
    const draft = {
      title: 'Storm surge floods harbour homes again',
      body: 'The sea wall at the harbour gave way in the storm.',
      limit: 2,
    };
    const res = await app.request('/v1/related', send('POST', draft, { key: null }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    expect(body.source).toEqual({ id: null, title: draft.title, language: 'en' });
    expect(body.items.length).toBeLessThanOrEqual(2);
    expect(body.items[0]?.id).toMatch(/^flood-/);
    expect(await services.store.count()).toBe(STORY_ARTICLES.length);
  });

  it('accepts list options as arrays or comma strings', async () => {
    const draft = { title: 'Harbour storm', sections: ['sport'], excludeIds: 'flood-1,flood-2' };
    const res = await app.request('/v1/related', send('POST', draft));
    const body = (await res.json()) as ListBody;
    expect(body.items.every((i) => i.id === 'cup-final')).toBe(true);
  });

  it.each([
    ['limit', true],
    ['limit', [5]],
    ['limit', '5'],
    ['minScore', ''],
    ['minScore', false],
    ['maxAgeDays', { days: 3 }],
  ])(
    'returns 400 VALIDATION_FAILED for %s: %j in a JSON body (no coercion)',
    async (field, value) => {
      const res = await app.request(
        '/v1/related',
        send('POST', { title: 'Harbour storm', [field]: value }),
      );
      const body = await problem(res);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors).toEqual([{ field, message: 'must be a number' }]);
    },
  );

  it('takes a null option as absent, like a null article field', async () => {
    const res = await app.request(
      '/v1/related',
      send('POST', { title: 'Harbour storm', limit: null }),
    );
    expect(res.status).toBe(200);
  });

  it('still reads numbers from a query string', async () => {
    const res = await app.request('/v1/articles/flood-1/related?limit=1&minScore=0');
    expect(res.status).toBe(200);
    expect(((await res.json()) as ListBody).items).toHaveLength(1);
  });

  it('returns 415 UNSUPPORTED_MEDIA_TYPE for a JSON body in another charset than UTF-8', async () => {
    const res = await app.request('/v1/related', {
      method: 'POST',
      headers: { 'Content-Type': 'application/foo+json; charset=utf-16' },
      body: JSON.stringify({ title: 'Harbour storm' }),
    });
    const body = await problem(res);
    expect(body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(body.detail).toMatch(/charset must be utf-8/);
  });

  it('accepts charset=UTF-8 spelled in any case or quoted', async () => {
    for (const type of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"']) {
      const res = await app.request('/v1/related', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: JSON.stringify({ title: 'Harbour storm' }),
      });
      expect(res.status).toBe(200);
    }
  });

  it('rejects a title of only zero-width characters as empty', async () => {
    const res = await app.request(
      '/v1/related',
      send('POST', { title: '\u200b\u200d\ufeff \u2060' }),
    );
    const body = await problem(res);
    expect(body.errors).toEqual([{ field: 'title', message: 'must not be empty' }]);
  });

  it('returns 400 VALIDATION_FAILED for a draft without a title', async () => {
    const res = await app.request('/v1/related', send('POST', { body: 'x', limit: 99 }));
    const body = await problem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'limit',
      'title',
    ]);
  });
});

describe('the tags filter', () => {
  const TAGS: Record<string, string[]> = {
    'flood-2': ['Harbour', 'defences'],
    'flood-3': ['insurance'],
  };

  beforeEach(async () => {
    const articles = STORY_ARTICLES.map((a) => ({ ...a, tags: TAGS[a.id] ?? [] }));
    services = await createFakeServices({ articles });
    app = createApp(services);
  });

  it('keeps only items sharing a tag (GET, case-insensitive)', async () => {
    const res = await app.request('/v1/articles/flood-1/related?tags=harbour,ELECTIONS&minScore=0');
    const body = (await res.json()) as ListBody;
    expect(body.items.map((i) => i.id)).toEqual(['flood-2']);
  });

  it('takes the filter from the query string of a draft request', async () => {
    const draft = articleBody('Storm floods the harbour town', { tags: ['weather'], minScore: 0 });
    const res = await app.request('/v1/related?tags=insurance', send('POST', draft));
    const body = (await res.json()) as ListBody;
    expect(body.items.map((i) => i.id)).toEqual(['flood-3']);
  });

  it('rejects more than 200 tags, naming the option', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `t${i}`).join(',');
    const res = await app.request(`/v1/articles/flood-1/related?tags=${many}`);
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toMatch(/tags: must hold at most 200 tags/);
  });
});
