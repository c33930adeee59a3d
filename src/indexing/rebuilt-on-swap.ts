/**
 * The related service, made anew after each swap of the vector index (a rebuild after damage,
 * `reindex --full`), so nothing derived from the old index outlives it.
 */
import type { PooledRelated } from '../recommend/related.js';

/**
 * A related service made anew after each index swap: what it derived from the old index (the
 * score background sampled from its vectors, cached vectors) goes with it, which matters most
 * when the swap replaced a damaged snapshot.
 */
export function rebuiltOnSwap(create: () => PooledRelated, swaps: () => number): PooledRelated {
  let current = create();
  let builtAt = swaps();
  const now = () => {
    if (builtAt !== swaps()) {
      current = create();
      builtAt = swaps();
    }
    return current;
  };
  return {
    forArticle: (id, options) => now().forArticle(id, options),
    forDraft: (draft, options) => now().forDraft(draft, options),
    pool: (id) => now().pool(id),
    fromPool: (pool, options) => now().fromPool(pool, options),
    live: (id, options) => now().live(id, options),
    statistics: () => now().statistics(),
    restoreStatistics: (background) => now().restoreStatistics(background),
    settleStatistics: () => now().settleStatistics(),
  };
}
