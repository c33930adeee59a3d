/**
 * A bounded LRU cache of related lists for stored articles, in front of the RelatedService. The
 * key is the article, its query options and a version that moves whenever any list could change:
 * the store generation (every upsert, delete and overrides change, by any process) and the index
 * generation (a reindex swap), plus the hour for `maxAgeDays` (articles age out of the window).
 * Lists being computed are shared, so a burst of requests for one article computes it once.
 * Drafts are never cached.
 */
import type { RelatedList, RelatedOptions, RelatedService } from './types.js';

export interface RelatedCacheDeps {
  readonly related: RelatedService;
  /** Changes whenever any related list could change (see the module comment). */
  readonly version: () => string;
  /** Lists kept (default 10,000; about 2 KB each). */
  readonly maxEntries?: number;
  readonly now?: () => Date;
}

/** A RelatedService that remembers lists, with hit counters for metrics and tests. */
export interface RelatedCache extends RelatedService {
  stats(): { readonly hits: number; readonly misses: number; readonly size: number };
  clear(): void;
}

const HOUR_MS = 3_600_000;

/** Wraps `deps.related` with the cache. */
export function createRelatedCache(deps: RelatedCacheDeps): RelatedCache {
  const maxEntries = Math.max(1, deps.maxEntries ?? 10_000);
  const now = deps.now ?? (() => new Date());
  const entries = new Map<string, Promise<RelatedList>>();
  let hits = 0;
  let misses = 0;
  let seenVersion = '';

  const keyOf = (id: string, options: RelatedOptions) => {
    const version = deps.version();
    if (version !== seenVersion) {
      // Every older list is unreachable now: free them at once rather than by eviction.
      entries.clear();
      seenVersion = version;
    }
    const hour = options.maxAgeDays === undefined ? '' : Math.floor(now().getTime() / HOUR_MS);
    return `${hour}\u0000${id}\u0000${optionsKey(options)}`;
  };

  return {
    forArticle(id, options = {}) {
      const key = keyOf(id, options);
      const cached = entries.get(key);
      if (cached !== undefined) {
        hits += 1;
        // Most recently used goes last; the first key is the one to evict.
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      misses += 1;
      const computed = deps.related.forArticle(id, options);
      entries.set(key, computed);
      // A failure (unknown id, embedder down) is not remembered.
      computed.catch(() => {
        if (entries.get(key) === computed) {
          entries.delete(key);
        }
      });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) {
          break;
        }
        entries.delete(oldest);
      }
      return computed;
    },
    forDraft: (draft, options) => deps.related.forDraft(draft, options),
    stats: () => ({ hits, misses, size: entries.size }),
    clear: () => entries.clear(),
  };
}

/** A canonical text of the options: keys sorted, undefined left out. */
function optionsKey(options: RelatedOptions): string {
  const keys = Object.keys(options).sort() as (keyof RelatedOptions)[];
  return JSON.stringify(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}
