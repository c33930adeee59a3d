/**
 * Prepared queries of stored articles for pairwise comparisons (`LexicalIndex.between`): the
 * duplicate test asks about one article against many others, in list after list, and preparing
 * its query (weighing and sorting its terms) cost more than the comparison itself. A kept query
 * stands while its article is not rewritten and the archive statistics it was weighed with are
 * the current ones; past `limit` entries the memo starts afresh (a list touches a few dozen).
 */
import type { LexicalQuery } from './lexical-index.js';

export interface QueryMemo {
  /** The kept query of `id` made under `statistics` (an identity), else a new one from `make`. */
  get(id: string, statistics: object, make: () => LexicalQuery): LexicalQuery;
  /** Drops `id`'s query (its article was rewritten or removed). */
  forget(id: string): void;
}

/** A memo of at most `limit` queries. */
export function createQueryMemo(limit: number): QueryMemo {
  const queries = new Map<string, LexicalQuery>();
  let madeUnder: object | undefined;
  return {
    get(id, statistics, make) {
      if (statistics !== madeUnder) {
        queries.clear();
        madeUnder = statistics;
      }
      let query = queries.get(id);
      if (query === undefined) {
        if (queries.size >= limit) {
          queries.clear();
        }
        query = make();
        queries.set(id, query);
      }
      return query;
    },
    forget(id) {
      queries.delete(id);
    },
  };
}
