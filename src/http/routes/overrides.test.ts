import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, STORY_ARTICLES } from '../../../test/helpers/fake-services.js';
import { problem, send } from '../../../test/helpers/requests.js';
import { createApp } from '../app.js';

let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  app = createApp(await createFakeServices({ articles: STORY_ARTICLES }));
});

describe('/v1/articles/:id/overrides', () => {
  it('answers empty lists for an article without overrides', async () => {
    const res = await app.request('/v1/articles/flood-1/overrides');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pinned: [], blocked: [] });
  });

  it('saves pins and blocks, and the related list follows them', async () => {
    const put = await app.request(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: ['star-wedding'], blocked: ['flood-2'] }),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ pinned: ['star-wedding'], blocked: ['flood-2'] });
    const got = await app.request('/v1/articles/flood-1/overrides');
    expect(await got.json()).toEqual({ pinned: ['star-wedding'], blocked: ['flood-2'] });
    const list = (await (await app.request('/v1/articles/flood-1/related')).json()) as {
      items: { id: string; pinned: boolean }[];
    };
    expect(list.items[0]).toMatchObject({ id: 'star-wedding', pinned: true });
    expect(list.items.map((i) => i.id)).not.toContain('flood-2');
  });

  it('returns 400 VALIDATION_FAILED when an id is both pinned and blocked', async () => {
    const res = await app.request(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: ['flood-2'], blocked: ['flood-2'] }),
    );
    const body = await problem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { field: 'blocked.0', message: expect.stringContaining('pinned') },
    ]);
  });

  it('returns 400 VALIDATION_FAILED naming the field for an unknown id or the source', async () => {
    const res = await app.request(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: ['flood-2', 'flood-1'], blocked: ['gone'] }),
    );
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(body.errors).toEqual([
      { field: 'pinned.1', message: 'must not be the source article' },
      { field: 'blocked.0', message: 'no article with id "gone"' },
    ]);
    const got = await app.request('/v1/articles/flood-1/overrides');
    expect(await got.json()).toEqual({ pinned: [], blocked: [] });
  });

  it('allows 50 ids per list and names the rule beyond', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `id-${i}`);
    const res = await app.request('/v1/articles/flood-1/overrides', send('PUT', { blocked: ids }));
    expect(await problem(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'blocked', message: 'must hold at most 50 ids' }],
    });
  });

  it('returns 404 ARTICLE_NOT_FOUND for an unknown source (GET and PUT)', async () => {
    const get = await app.request('/v1/articles/nope/overrides');
    expect(await problem(get)).toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    const put = await app.request('/v1/articles/nope/overrides', send('PUT', { pinned: [] }));
    expect(await problem(put)).toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
  });

  it('returns 401 AUTH_REQUIRED for a PUT without a key', async () => {
    const res = await app.request(
      '/v1/articles/flood-1/overrides',
      send('PUT', { pinned: [] }, { key: null }),
    );
    expect(await problem(res)).toMatchObject({ code: 'AUTH_REQUIRED', status: 401 });
  });
});
