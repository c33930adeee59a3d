/**
 * ArticleCache: what a related list reads of each candidate, kept in memory between lists so a
 * list does not parse ~100-300 stored articles (with their bodies) and read as many vector BLOBs.
 * Holds each article's header (every field but the body), its vector and the vector's squared
 * norm, filled on first read. Before each list it catches up with the store's change log (writes
 * by this process or another one), dropping the entries of changed articles; bodies are read
 * from the store only for the few near-duplicate shingle tests.
 */
import type { Article } from '../articles/article.js';
import type { ArticleStore } from '../store/article-store.js';
import { squaredNorm } from '../vectors.js';

/** An article without its body: what ranking, filters and the list items need. */
export type ArticleHeader = Omit<Article, 'body'>;

/** A stored vector with its squared norm (for `cosineWithNorms`). */
export interface NormedVector {
  readonly vector: Float32Array;
  readonly norm: number;
}

export interface ArticleCache {
  /** Drops entries of articles written since the last call (cheap when nothing changed). */
  refresh(): void;
  /** The headers found among `ids` (missing ids are absent from the map). */
  headers(ids: readonly string[]): Map<string, ArticleHeader>;
  /** The stored vector of `id` with its squared norm; undefined when absent. */
  vector(id: string): NormedVector | undefined;
  /** The body of `id` ('' when absent), read from the store. */
  body(id: string): string;
}

/** Entries kept at most; past it the cache starts over (bounds memory on huge archives). */
const MAX_ENTRIES = 400_000;

/** Creates a cache over `store`. */
export function createArticleCache(store: ArticleStore): ArticleCache {
  const headers = new Map<string, ArticleHeader | null>();
  const vectors = new Map<string, NormedVector | null>();
  let known = store.generation();

  const bound = (map: Map<string, unknown>) => {
    if (map.size >= MAX_ENTRIES) {
      map.clear();
    }
  };
  const headerOf = (id: string): ArticleHeader | null => {
    let header = headers.get(id);
    if (header === undefined) {
      header = toHeader(store.get(id));
      bound(headers);
      headers.set(id, header);
    }
    return header;
  };

  return {
    refresh() {
      const generation = store.generation();
      if (generation === known) {
        return;
      }
      const changes = store.changesSince(known);
      if (changes === undefined) {
        headers.clear();
        vectors.clear();
      } else {
        for (const id of changes.articleIds) {
          headers.delete(id);
          vectors.delete(id);
        }
      }
      known = changes?.generation ?? generation;
    },
    headers(ids) {
      const found = new Map<string, ArticleHeader>();
      for (const id of ids) {
        const header = headerOf(id);
        if (header) {
          found.set(id, header);
        }
      }
      return found;
    },
    vector(id) {
      let entry = vectors.get(id);
      if (entry === undefined) {
        const vector = store.getVector(id);
        entry = vector ? { vector, norm: squaredNorm(vector) } : null;
        bound(vectors);
        vectors.set(id, entry);
      }
      return entry ?? undefined;
    },
    body: (id) => store.get(id)?.body ?? '',
  };
}

function toHeader(article: Article | undefined): ArticleHeader | null {
  if (!article) {
    return null;
  }
  const { body: _body, ...header } = article;
  return header;
}
