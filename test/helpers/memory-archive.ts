/**
 * An archive in memory for unit tests of the lists: the memory store followed by an exact index
 * and a lexical index (follow-store.ts), fed through the real ingest with the fake embedder, and
 * related services over them.
 */
import type { Article } from '../../src/articles/article.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { analyzeArticle } from '../../src/lexical/analyze.js';
import { createLexicalIndex } from '../../src/lexical/memory-lexical-index.js';
import { createIngest } from '../../src/recommend/ingest.js';
import { createRelated, type PooledRelated } from '../../src/recommend/related.js';
import { createExactIndex } from '../../src/vector-index/exact-index.js';
import { followedStore } from './follow-store.js';

const NOW = () => new Date('2026-11-01T00:00:00Z');

/** The archive holding `articles`; `related()` makes a related service over it (fixed clock). */
export async function memoryArchive(articles: readonly Article[]) {
  const embedder = createFakeEmbedder({ dimensions: 32 });
  const index = createExactIndex(32);
  const lexical = createLexicalIndex();
  const { core, store, indexed } = followedStore(index, lexical);
  const ingest = createIngest({ store, embedder, analyze: analyzeArticle, indexed });
  await ingest.upsert(articles);
  const related = (): PooledRelated =>
    createRelated({ store: core, index, embedder, lexical, now: NOW });
  return { core, store, embedder, index, lexical, ingest, related };
}
