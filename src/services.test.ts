/**
 * The service graph's wiring: a store on this machine is read through its local reads, so the
 * indexing room does not copy every stored article into memory when it opens.
 */
import { describe, expect, it } from 'vitest';
import { STORY_ARTICLES, testConfig } from '../test/helpers/fake-services.js';
import { createFakeSnapshots } from '../test/helpers/fake-snapshots.js';
import { createFakeEmbedder } from './embedding/fake-embedder.js';
import { buildServicesFrom } from './services.js';
import { createMemoryStore } from './store/memory-store.js';

describe('buildServicesFrom', () => {
  it('opens over a local store without reading every article into memory', async () => {
    const embedder = createFakeEmbedder({ dimensions: 32 });
    const store = createMemoryStore();
    await store.claimVectorModel({ modelId: embedder.modelId, dimensions: 32 });
    await store.upsertMany(
      STORY_ARTICLES.map((article) => ({
        article,
        terms: { word: 1 },
        textHash: article.id,
        vector: new Float32Array(32).fill(1),
      })),
    );
    let wholeReads = 0;
    const articles = store.articles.bind(store);
    store.articles = () => {
      wholeReads += 1;
      return articles();
    };
    const services = await buildServicesFrom(
      testConfig(),
      { store, embedder, snapshots: createFakeSnapshots() },
      { log: () => {} },
    );
    try {
      const list = await services.related.forArticle(STORY_ARTICLES[0]?.id ?? '', { limit: 5 });
      expect(list.source.id).toBe(STORY_ARTICLES[0]?.id);
      expect(wholeReads).toBe(0);
    } finally {
      await services.close();
    }
  });
});
