/**
 * A list answered from a stored article's pool against the same list computed live: a pool that
 * was not cut at 32 items holds every candidate a live list of any limit ranks.
 */
import { describe, expect, it } from 'vitest';
import { memoryArchive } from '../../test/helpers/memory-archive.js';
import { createStoryCorpus } from '../../test/helpers/story-corpus.js';

describe('a list of 50 answered from a pool', () => {
  it('equals the live list, also where the pool was not cut (it holds every candidate)', async () => {
    // 12 stories of about 330 articles: some pools hold fewer than 32 items (not cut), and a
    // list of 50 is then answered from them; before, a live list of 50 searched 500 neighbours
    // where the pool searched 100, so it held items the pool never saw.
    const corpus = createStoryCorpus(5);
    const articles = Array.from({ length: 4000 }, (_, i) => corpus.article(`a${i}`, i % 12));
    const related = (await memoryArchive(articles)).related();
    let notCut = 0;
    for (const { id } of articles.slice(0, 100)) {
      notCut += (await related.pool(id)).capped ? 0 : 1;
      const live = await related.live(id, { limit: 50 });
      expect(await related.forArticle(id, { limit: 50 }), id).toEqual(live);
    }
    expect(notCut).toBeGreaterThan(0);
  }, 60_000);
});
