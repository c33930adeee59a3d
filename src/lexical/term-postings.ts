/**
 * The inverted index behind lexical candidates: for each term id, the document numbers whose
 * heaviest terms include it, and the vote that turns a source's most distinctive terms into
 * same-story candidates. Posting order carries no meaning (removal swaps with the last entry).
 */

/** Heaviest terms of each article that enter the inverted index (title terms and names first). */
export const POSTED_TERMS = 60;
/** Source terms that seed lexical candidates: its most distinctive ones. */
const SEED_TERMS = 20;
/** Seed terms posted in more than this share of articles are too common to find the same story. */
const SEED_MAX_SHARE = 0.05;

/** A source term that may seed candidates, in the source's own term order. */
export interface SeedTerm {
  readonly termId: number;
  readonly weight: number;
}

/** Term id -> document numbers. */
export interface TermPostings {
  add(termId: number, doc: number): void;
  delete(termId: number, doc: number): void;
  /**
   * Documents sharing the source's most distinctive posted terms, best vote first (ties by
   * `idOf`, ascending), at most `limit`.
   */
  candidates(seeds: readonly SeedTerm[], docCount: number, limit: number): number[];
}

/** Creates empty postings; `idOf` names a document number (for the tie order). */
export function createTermPostings(idOf: (doc: number) => string): TermPostings {
  const lists: Array<number[] | undefined> = [];
  let votes = new Float64Array(1024);

  const tally = (seeds: readonly SeedTerm[]): number[] => {
    const touched: number[] = [];
    for (const { termId, weight } of seeds) {
      for (const doc of lists[termId] ?? []) {
        if (doc >= votes.length) {
          const grown = new Float64Array(Math.max(doc + 1, votes.length * 2));
          grown.set(votes);
          votes = grown;
        }
        if (votes[doc] === 0) {
          touched.push(doc);
        }
        votes[doc] = (votes[doc] as number) + weight;
      }
    }
    return touched;
  };

  return {
    add(termId, doc) {
      const list = lists[termId];
      if (list) {
        list.push(doc);
      } else {
        lists[termId] = [doc];
      }
    },
    delete(termId, doc) {
      const list = lists[termId];
      const at = list ? list.indexOf(doc) : -1;
      if (!list || at < 0) {
        return;
      }
      list[at] = list[list.length - 1] as number;
      list.pop();
      if (list.length === 0) {
        lists[termId] = undefined;
      }
    },
    candidates(seeds, docCount, limit) {
      const maxPostings = Math.max(50, SEED_MAX_SHARE * docCount);
      const chosen = seeds
        .filter(({ termId }) => (lists[termId]?.length ?? maxPostings + 1) <= maxPostings)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, SEED_TERMS);
      const touched = tally(chosen);
      const ranked = best(touched, votes, limit)
        .sort((a, b) => {
          const byVote = (votes[b] as number) - (votes[a] as number);
          return byVote || (idOf(a) < idOf(b) ? -1 : 1);
        })
        .slice(0, Math.max(0, limit));
      for (const doc of touched) {
        votes[doc] = 0;
      }
      return ranked;
    },
  };
}

/** The documents whose vote reaches the `limit`-th best (all of them when there are few). */
function best(touched: number[], votes: Float64Array, limit: number): number[] {
  if (!Number.isInteger(limit) || limit <= 0 || touched.length <= limit) {
    return touched;
  }
  const sorted = Float64Array.from(touched, (doc) => votes[doc] as number).sort();
  const threshold = sorted[sorted.length - limit] as number;
  return touched.filter((doc) => (votes[doc] as number) >= threshold);
}
