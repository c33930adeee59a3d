import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../../test/helpers/fake-services.js';
import { articleBody, problem, send } from '../../../test/helpers/requests.js';
import type { Services } from '../../services.js';
import { createApp } from '../app.js';

let services: Services;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  services = await createFakeServices({ articles: STORY_ARTICLES });
  app = createApp(services);
});

describe('PUT /v1/articles/:id', () => {
  it('creates a new article with 201 and indexes it', async () => {
    const res = await app.request('/v1/articles/new-1', send('PUT', articleBody('Harbour storm')));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'new-1', indexed: true });
    expect((await services.store.get('new-1'))?.title).toBe('Harbour storm');
    expect(services.index.has('new-1')).toBe(true);
  });

  it('updates an existing article with 200', async () => {
    const res = await app.request('/v1/articles/flood-1', send('PUT', articleBody('New title')));
    expect(res.status).toBe(200);
    expect((await services.store.get('flood-1'))?.title).toBe('New title');
  });

  it('accepts a body id equal to the path id', async () => {
    const res = await app.request('/v1/articles/x1', send('PUT', articleBody('T', { id: 'x1' })));
    expect(res.status).toBe(201);
  });

  it('returns 400 ID_MISMATCH when the body id differs', async () => {
    const res = await app.request('/v1/articles/x1', send('PUT', articleBody('T', { id: 'x2' })));
    expect(res.status).toBe(400);
    expect(await problem(res)).toMatchObject({ code: 'ID_MISMATCH', status: 400 });
    expect(await services.store.get('x1')).toBeUndefined();
  });

  it('returns 400 VALIDATION_FAILED naming every broken field', async () => {
    const res = await app.request(
      '/v1/articles/x1',
      send('PUT', { title: 5, url: 'ftp://x', tags: 'a' }),
    );
    const body = await problem(res);
    expect(res.status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = (body.errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields.sort()).toEqual(['tags', 'title', 'url']);
    expect(body.errors).toContainEqual({
      field: 'title',
      message: 'is required and must be a string',
    });
  });

  it('returns 400 VALIDATION_FAILED for an id with forbidden characters', async () => {
    const res = await app.request('/v1/articles/a%20b', send('PUT', articleBody('T')));
    expect(await problem(res)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('returns 400 VALIDATION_FAILED for malformed JSON', async () => {
    const res = await app.request('/v1/articles/x1', send('PUT', '{"title":'));
    expect(await problem(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringContaining('valid JSON'),
    });
  });

  it('returns 415 UNSUPPORTED_MEDIA_TYPE for a form body', async () => {
    const res = await app.request(
      '/v1/articles/x1',
      send('PUT', 'title=x', { type: 'application/x-www-form-urlencoded' }),
    );
    expect(res.status).toBe(415);
    expect(await problem(res)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('stores an id holding a percent-encoded slash', async () => {
    const res = await app.request(
      '/v1/articles/news%2F2026%2Fx',
      send('PUT', articleBody('Slash')),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'news/2026/x', indexed: true });
  });
});

describe('GET /v1/articles/:id', () => {
  it('answers the stored article', async () => {
    const res = await app.request('/v1/articles/news%2F2026%2Fbakery');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'news/2026/bakery', section: 'business' });
  });

  it('returns 404 ARTICLE_NOT_FOUND for an unknown id', async () => {
    const res = await app.request('/v1/articles/nope');
    expect(res.status).toBe(404);
    expect(await problem(res)).toMatchObject({
      code: 'ARTICLE_NOT_FOUND',
      instance: '/v1/articles/nope',
    });
  });
});

describe('DELETE /v1/articles/:id', () => {
  it('removes the article with 204 and never recommends it again', async () => {
    const res = await app.request('/v1/articles/flood-2', send('DELETE'));
    expect(res.status).toBe(204);
    expect(await services.store.get('flood-2')).toBeUndefined();
    const related = (await (await app.request('/v1/articles/flood-1/related')).json()) as {
      items: { id: string }[];
    };
    expect(related.items.map((i) => i.id)).not.toContain('flood-2');
  });

  it('returns 404 ARTICLE_NOT_FOUND for an unknown id', async () => {
    const res = await app.request('/v1/articles/nope', send('DELETE'));
    expect(await problem(res)).toMatchObject({ code: 'ARTICLE_NOT_FOUND', status: 404 });
  });

  it('returns 401 AUTH_REQUIRED without a key', async () => {
    const res = await app.request('/v1/articles/flood-2', send('DELETE', undefined, { key: null }));
    expect(res.status).toBe(401);
    expect(await problem(res)).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(await services.store.get('flood-2')).toBeDefined();
  });
});
