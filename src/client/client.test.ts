import { beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeServices,
  STORY_ARTICLES,
  TEST_API_KEY,
} from '../../test/helpers/fake-services.js';
import { createApp } from '../http/app.js';
import { createClient, type MorelikeClient, MorelikeError } from './index.js';

let app: ReturnType<typeof createApp>;
let client: MorelikeClient;
const seen: string[] = [];

/** The client over `app.request`: the real routes, no socket. */
const appFetch: typeof fetch = (input, init) => {
  seen.push(`${init?.method} ${String(input)}`);
  return Promise.resolve(app.request(String(input), init));
};

beforeEach(async () => {
  app = createApp(await createFakeServices({ articles: STORY_ARTICLES }));
  client = createClient({
    baseUrl: 'http://morelike.test/',
    apiKey: TEST_API_KEY,
    fetch: appFetch,
  });
  seen.length = 0;
});

describe('createClient', () => {
  it('reads a related list with options in the query string', async () => {
    const list = await client.related('flood-1', { limit: 2, minScore: 0, sections: ['local'] });
    expect(list.source.id).toBe('flood-1');
    expect(list.items.length).toBe(2);
    expect(list.items.every((item) => item.section === 'local')).toBe(true);
    expect(seen).toEqual([
      'GET http://morelike.test/v1/articles/flood-1/related?limit=2&minScore=0&sections=local',
    ]);
  });

  it('sends a draft with its own tags in the body and the tags filter in the query', async () => {
    const flood3 = STORY_ARTICLES.find((article) => article.id === 'flood-3');
    await client.putArticle({ ...(flood3 ?? { title: '' }), id: 'flood-3', tags: ['insurance'] });
    const list = await client.draftRelated(
      { title: 'Storm floods the harbour town', tags: ['weather'] },
      { tags: ['Insurance'], minScore: 0 },
    );
    expect(list.source.id).toBeNull();
    expect(list.items.map((item) => item.id)).toEqual(['flood-3']);
    expect(seen.at(-1)).toBe('POST http://morelike.test/v1/related?tags=Insurance');
  });

  it('writes, reads and deletes articles, overrides and batches', async () => {
    const created = await client.putArticle({ id: 'news/1', title: 'Caf&eacute; opens' });
    expect(created).toEqual({ id: 'news/1', indexed: true, created: true });
    expect((await client.putArticle({ id: 'news/1', title: 'Café opens' })).created).toBe(false);
    expect((await client.getArticle('news/1')).title).toBe('Café opens');
    const batch = await client.batch([{ id: 'b1', title: 'One' }, { id: 'b 2' } as never]);
    expect(batch.accepted).toBe(1);
    expect(batch.rejected[0]?.index).toBe(1);
    const overrides = await client.putOverrides('flood-1', { pinned: ['b1'] });
    expect(overrides).toEqual({ pinned: ['b1'], blocked: [] });
    expect(await client.getOverrides('flood-1')).toEqual(overrides);
    expect((await client.search('café')).items.map((hit) => hit.id)).toEqual(['news/1']);
    expect((await client.stats()).articles).toBe(STORY_ARTICLES.length + 2);
    await client.deleteArticle('news/1');
    expect(seen).toContain('GET http://morelike.test/v1/articles/news%2F1');
  });

  it('throws MorelikeError with the API code and status', async () => {
    await expect(client.getArticle('nope')).rejects.toMatchObject({
      name: 'MorelikeError',
      code: 'ARTICLE_NOT_FOUND',
      status: 404,
    });
    const bad = client.putArticle({ id: 'x', title: '' });
    await expect(bad).rejects.toBeInstanceOf(MorelikeError);
    await expect(bad).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      problem: { errors: [{ field: 'title', message: 'must not be empty' }] },
    });
    const reader = createClient({ baseUrl: 'http://morelike.test', fetch: appFetch });
    await expect(reader.deleteArticle('flood-1')).rejects.toMatchObject({
      code: 'AUTH_REQUIRED',
      status: 401,
    });
    await expect(client.checkKey()).resolves.toBeUndefined();
    const wrong = createClient({ baseUrl: 'http://morelike.test', apiKey: 'x', fetch: appFetch });
    await expect(wrong.checkKey()).rejects.toMatchObject({ code: 'AUTH_INVALID', status: 401 });
  });

  it('names failures without a problem answer: network, timeout, other HTTP', async () => {
    const refused = createClient({
      baseUrl: 'http://morelike.test',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(refused.stats()).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    const silent = createClient({
      baseUrl: 'http://morelike.test',
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    await expect(silent.stats()).rejects.toMatchObject({ code: 'TIMEOUT', status: 0 });
    const proxy = createClient({
      baseUrl: 'http://morelike.test',
      fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }),
    });
    await expect(proxy.stats()).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 502 });
  });
});
