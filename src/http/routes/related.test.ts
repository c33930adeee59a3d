import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../../test/helpers/fake-services.js';
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

  it('changes the ETag with the query and after a write', async () => {
    const a = (await app.request('/v1/articles/flood-1/related')).headers.get('etag');
    const b = (await app.request('/v1/articles/flood-1/related?limit=2')).headers.get('etag');
    expect(b).not.toBe(a);
    await app.request('/v1/articles/other', send('PUT', articleBody('Harbour flood storm')));
    const c = (await app.request('/v1/articles/flood-1/related')).headers.get('etag');
    expect(c).not.toBe(a);
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
    expect(services.store.count()).toBe(STORY_ARTICLES.length);
  });

  it('accepts list options as arrays or comma strings', async () => {
    const draft = { title: 'Harbour storm', sections: ['sport'], excludeIds: 'flood-1,flood-2' };
    const res = await app.request('/v1/related', send('POST', draft));
    const body = (await res.json()) as ListBody;
    expect(body.items.every((i) => i.id === 'cup-final')).toBe(true);
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
