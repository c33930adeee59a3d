/**
 * The seed page's situation end to end (real server, shipped model, SQLite, HNSW): the NATO
 * article's "More like this" list must hold the other war and diplomacy stories and none of the
 * celebrity, crime, health or corruption teasers the original page showed under it.
 *
 * The articles live in an archive, as on a real site: the bundled demo corpus (217 articles, 171
 * English and 46 Ukrainian, on 15 sections). The relevance threshold is calibrated against the
 * archive's background similarity, which a store of eight articles, half of them on one war,
 * cannot establish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelatedList } from '../../src/recommend/types.js';
import { natoArticle, teasers, warAndDiplomacy } from '../fixtures/seed-page.js';
import { send } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('relevance on the seed page', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ MORELIKE_DEMO: 'true' });
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
    const list = await relatedTo(natoArticle.id, '?limit=50');
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

  it("shows none of the archive's celebrity, crime or health stories either", async () => {
    const list = await relatedTo(natoArticle.id, '?limit=50');
    const sections = new Set(list.items.map((item) => item.section));
    for (const offTopic of ['entertainment', 'crime', 'health', 'showbiz', 'corruption']) {
      expect(sections).not.toContain(offTopic);
    }
    expect(list.items.length).toBeGreaterThanOrEqual(warAndDiplomacy.length);
  });

  it('explains each match with shared terms and scores it in 0..1', async () => {
    const list = await relatedTo(natoArticle.id);
    for (const item of list.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.reasons.length).toBeGreaterThan(0);
    }
  });

  it('shows what the threshold holds back when the caller lowers minScore to 0', async () => {
    const strict = await relatedTo(natoArticle.id, '?limit=50');
    const loose = await relatedTo(natoArticle.id, '?limit=50&minScore=0');
    expect(loose.items.length).toBeGreaterThan(strict.items.length);
    const lowestShown = Math.min(...strict.items.map((item) => item.score));
    expect(loose.items.some((item) => item.score < lowestShown)).toBe(true);
  });

  it("hides a lightly edited copy of the source and keeps the story's other reports", async () => {
    // demo-0019 and demo-0020 are one wire story under two headlines (src/demo/README.md).
    const list = await relatedTo('demo-0019');
    const ids = list.items.map((item) => item.id);
    expect(ids).not.toContain('demo-0020');
    expect(ids).toEqual(expect.arrayContaining(['demo-0023', 'demo-0028', 'demo-0029']));
  });
});
