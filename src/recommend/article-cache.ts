/**
 * ArticleCache: what a related list reads of each candidate, kept in memory between lists so a
 * list does not parse ~100-300 stored articles (with their bodies). Holds each article's header
 * (every field but the body), filled on first read; vectors come from the vector index's table
 * (the very vectors the store holds). Before each list it catches up with the store's change log
 * (writes by this process or another one), dropping the entries of changed articles; bodies are
 * read from the store only for the few near-duplicate shingle tests. Bounded by `lru-cache`: past
 * MAX_ENTRIES the least recently read header goes first.
 */
import { LRUCache } from 'lru-cache';
import type { ArticleHeader } from '../articles/article.js';
import type { NormedVector, VectorIndex } from '../vector-index/vector-index.js';
import type { HeldArticles } from './types.js';

export type { ArticleHeader } from '../articles/article.js';

export interface ArticleCache {
  /** Drops entries of articles written since the last call (cheap when nothing changed). */
  refresh(): void;
  /** The headers found among `ids` (missing ids are absent from the map). */
  headers(ids: readonly string[]): Map<string, ArticleHeader>;
  /** The stored vector of `id` with its squared norm (a view into the index); undefined when absent. */
  vector(id: string): NormedVector | undefined;
  /** The body of `id` ('' when absent), read from the store. */
  body(id: string): string;
}

/** Entries kept at most; past it the least recently read go (bounds memory on huge archives). */
const MAX_ENTRIES = 400_000;

/** Cached for an id the store does not hold (lru-cache keeps no null or undefined values). */
const ABSENT = false;

/** Creates a cache over `store`, reading vectors from `index` (kept in step with the store). */
export function createArticleCache(store: HeldArticles, index: VectorIndex): ArticleCache {
  const headers = new LRUCache<string, ArticleHeader | typeof ABSENT>({ max: MAX_ENTRIES });
  let known = store.generation();

  return {
    refresh() {
      const generation = store.generation();
      if (generation === known) {
        return;
      }
      const changes = store.changesSince(known);
      if (changes === undefined) {
        headers.clear();
      } else {
        for (const id of changes.articleIds) {
          headers.delete(id);
        }
      }
      known = changes?.generation ?? generation;
    },
    headers(ids) {
      const missing = ids.filter((id) => !headers.has(id));
      if (missing.length > 0) {
        const read = store.getHeaders(missing);
        for (const id of missing) {
          headers.set(id, read.get(id) ?? ABSENT);
        }
      }
      const found = new Map<string, ArticleHeader>();
      for (const id of ids) {
        const header = headers.get(id);
        if (header) {
          found.set(id, header);
        }
      }
      return found;
    },
    vector: (id) => index.vector(id),
    body: (id) => store.get(id)?.body ?? '',
  };
}
