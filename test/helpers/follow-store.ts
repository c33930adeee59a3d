/**
 * For unit tests that wire the use cases by hand (without the indexing room): the memory store's
 * synchronous core as the held articles, the asynchronous store over it, and an `indexed` step
 * (what the room does after a write) that applies the change log to a vector and lexical index.
 */
import type { LexicalIndex } from '../../src/lexical/lexical-index.js';
import type { LocalArticleStore } from '../../src/store/article-store.js';
import { createMemoryCore } from '../../src/store/memory-store.js';
import { asyncStore, type SyncArticleStore } from '../../src/store/sync-store.js';
import type { VectorIndex } from '../../src/vector-index/vector-index.js';

export interface FollowedStore {
  /** The synchronous core (the related path's held articles). */
  readonly core: SyncArticleStore;
  /** The asynchronous store over the same data. */
  readonly store: LocalArticleStore;
  /** Applies every write not yet applied to `index` and `lexical`. */
  indexed(): Promise<void>;
}

/** A memory store followed by `index` and `lexical`. */
export function followedStore(index: VectorIndex, lexical: LexicalIndex): FollowedStore {
  const core = createMemoryCore();
  let known = core.generation();
  return {
    core,
    store: asyncStore(core),
    async indexed() {
      const changes = core.changesSince(known);
      for (const id of changes?.articleIds ?? []) {
        const vector = core.getVector(id);
        if (vector) {
          index.upsert(id, vector);
          lexical.upsert(id, core.getTerms(id) ?? {});
        } else {
          index.remove(id);
          lexical.remove(id);
        }
      }
      known = core.generation();
    },
  };
}
