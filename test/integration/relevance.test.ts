/**
 * The seed page's situation end to end (real server, shipped model, SQLite, HNSW): the NATO
 * article's "More like this" list must hold the other war and diplomacy stories and none of the
 * celebrity, crime, health or corruption teasers the original page showed under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelatedList } from '../../src/recommend/types.js';
import { natoArticle, teasers, warAndDiplomacy } from '../fixtures/seed-page.js';
import { send } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('relevance on the seed page', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const articles = [natoArticle, ...warAndDiplomacy, ...Object.values(teasers)];
    const response = await fetch(`${server.url}/v1/articles/batch`, send('POST', articles));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: articles.length, rejected: [] });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function relatedTo(id: string, query = ''): Promise<RelatedList> {
    const response = await fetch(
      `${server.url}/v1/articles/${encodeURIComponent(id)}/related${query}`,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as RelatedList;
  }

  it('lists the war and diplomacy stories for the NATO article', async () => {
    const list = await relatedTo(natoArticle.id);
    const ids = list.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(warAndDiplomacy.map((a) => a.id)));
  });

  it('shows none of the off-topic teasers under the NATO article', async () => {
    const list = await relatedTo(natoArticle.id, '?limit=50');
    const ids = list.items.map((item) => item.id);
    for (const teaser of Object.values(teasers)) {
      expect(ids).not.toContain(teaser.id);
    }
  });

  it('explains each match with shared terms and scores it in 0..1', async () => {
    const list = await relatedTo(natoArticle.id);
    for (const item of list.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.reasons.length).toBeGreaterThan(0);
    }
  });

  it('shows the teasers only when the caller lowers minScore to 0', async () => {
    const list = await relatedTo(natoArticle.id, '?limit=50&minScore=0');
    const ids = list.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(teasers).map((a) => a.id)));
  });
});
