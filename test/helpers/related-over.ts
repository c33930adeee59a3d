/**
 * A related-list service over given articles for unit tests: the synchronous memory store (as
 * the held articles the indexing room gives the related path), fake embedder (64
 * hashed dimensions), exact index and the real lexical index, every article analysed as ingest
 * would, with a fixed clock and the fake embedder's background prior.
 */
import type { Article } from '../../src/articles/article.js';
import { embeddingInput } from '../../src/articles/embedding-text.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { analyzeText } from '../../src/lexical/analyze.js';
import { createLexicalIndex } from '../../src/lexical/memory-lexical-index.js';
import { createRelated, type RelatedDeps } from '../../src/recommend/related.js';
import type { RelatedService } from '../../src/recommend/types.js';
import { createMemoryCore } from '../../src/store/memory-store.js';
import type { SyncArticleStore } from '../../src/store/sync-store.js';
import { createExactIndex } from '../../src/vector-index/exact-index.js';

/** The service over `articles`, with `extra` deps (e.g. `modelCovers`) passed through. */
export async function relatedOver(
  articles: readonly Article[],
  extra: Partial<Pick<RelatedDeps, 'modelCovers'>> = {},
): Promise<{ store: SyncArticleStore; related: RelatedService }> {
  const store = createMemoryCore();
  const embedder = createFakeEmbedder({ dimensions: 64 });
  const index = createExactIndex(64);
  const lexical = createLexicalIndex();
  const vectors = await embedder.embed(articles.map((x) => embeddingInput(x)));
  store.upsertMany(
    articles.map((article, i) => ({
      article,
      terms: analyzeText(embeddingInput(article)),
      textHash: String(i),
      vector: vectors[i] ?? new Float32Array(64),
    })),
  );
  for (const { id, vector } of store.vectors()) {
    index.upsert(id, vector);
  }
  for (const { id, terms } of store.terms()) {
    lexical.upsert(id, terms);
  }
  const related = createRelated({
    store,
    index,
    embedder,
    lexical,
    ...extra,
    now: () => new Date('2026-03-10T00:00:00Z'),
    // The fake embedder's random pairs have cosine ~0 with spread ~0.13 (64 hashed dimensions).
    settings: { background: { priorMean: 0, priorStd: 0.13 } },
  });
  return { store, related };
}
