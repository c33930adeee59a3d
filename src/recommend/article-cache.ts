/**
 * ArticleCache: what a related list reads of each candidate, kept in memory between lists so a
 * list does not parse ~100-300 stored articles (with their bodies). Holds each article's header
 * (every field but the body), filled on first read; vectors come from the vector index's table
 * (the very vectors the store holds). Before each list it catches up with the store's change log
 * (writes by this process or another one), dropping the entries of changed articles. Bodies are
 * read from the store only for the near-duplicate shingle test, and each read body's shingle
 * hashes are kept (within a byte budget), so an article tested in many pairs, or in many lists,
 * is read and split once. Bounded by `lru-cache`: past MAX_ENTRIES (headers) or SHINGLE_BYTES
 * (shingles) the least recently read go first.
 */
import { LRUCache } from 'lru-cache';
import type { ArticleHeader } from '../articles/article.js';
import type { NormedVector, VectorIndex } from '../vector-index/vector-index.js';
import { type Shingles, shinglesOf } from './shingles.js';
import type { HeldArticles } from './types.js';

export type { ArticleHeader } from '../articles/article.js';

export interface ArticleCache {
  /** Drops entries of articles written since the last call (cheap when nothing changed). */
  refresh(): void;
  /** The headers found among `ids` (missing ids are absent from the map). */
  headers(ids: readonly string[]): Map<string, ArticleHeader>;
  /** The stored vector of `id` with its squared norm (a view into the index); undefined when absent. */
  vector(id: string): NormedVector | undefined;
  /** The three-word shingles of `id`'s body (empty when absent), read and split once. */
  shingles(id: string): Shingles;
}

/** Entries kept at most; past it the least recently read go (bounds memory on huge archives). */
const MAX_ENTRIES = 400_000;

/** Bytes of shingle hashes kept at most (8 a shingle: about 5,000 articles of 400 words). */
const SHINGLE_BYTES = 16 * 1024 * 1024;

/** Cached for an id the store does not hold (lru-cache keeps no null or undefined values). */
const ABSENT = false;

/** Creates a cache over `store`, reading vectors from `index` (kept in step with the store). */
export function createArticleCache(store: HeldArticles, index: VectorIndex): ArticleCache {
  // Made at the first read: setting up its MAX_ENTRIES slots takes ~70 ms, which a start (and
  // a swap) need not wait for.
  let headerCache: LRUCache<string, ArticleHeader | typeof ABSENT> | undefined;
  const headersOf = () => {
    headerCache ??= new LRUCache<string, ArticleHeader | typeof ABSENT>({ max: MAX_ENTRIES });
    return headerCache;
  };
  const shingles = new LRUCache<string, Shingles>({
    maxSize: SHINGLE_BYTES,
    sizeCalculation: (value) => Math.max(1, value.byteLength),
  });
  let known = store.generation();

  return {
    refresh() {
      const generation = store.generation();
      if (generation === known) {
        return;
      }
      const changes = store.changesSince(known);
      if (changes === undefined) {
        headerCache?.clear();
        shingles.clear();
      } else {
        for (const id of changes.articleIds) {
          headerCache?.delete(id);
          shingles.delete(id);
        }
      }
      known = changes?.generation ?? generation;
    },
    headers(ids) {
      const headers = headersOf();
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
    shingles(id) {
      let found = shingles.get(id);
      if (found === undefined) {
        found = shinglesOf(store.get(id)?.body ?? '');
        shingles.set(id, found);
      }
      return found;
    },
  };
}
