/**
 * The inverted index behind lexical candidates: for each term id, the document numbers whose
 * heaviest terms include it, and the vote that turns a source's most distinctive terms into
 * same-story candidates. Every list lives in one pooled Int32Array (start, length and capacity
 * per term), so a million postings cost no per-list objects and a snapshot restores in one read.
 * Posting order carries no meaning (removal swaps with the last entry).
 */
import { grownFloats } from './grow.js';
import { createPostingPool, type PackedPostings } from './posting-pool.js';
import { kthSmallest } from './select.js';

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

export type { PackedPostings } from './posting-pool.js';

/** Term id -> document numbers. */
export interface TermPostings {
  add(termId: number, doc: number): void;
  delete(termId: number, doc: number): void;
  /**
   * Documents sharing the source's most distinctive posted terms, best vote first (ties by
   * `idOf`, ascending), at most `limit`.
   */
  candidates(seeds: readonly SeedTerm[], docCount: number, limit: number): number[];
  pack(): PackedPostings;
}

/**
 * Creates postings, empty or holding `packed` (taken over, not copied); `idOf` names a document
 * number (for the tie order).
 */
export function createTermPostings(
  idOf: (doc: number) => string,
  packed?: PackedPostings,
): TermPostings {
  const lists = createPostingPool(packed);
  let votes: Float64Array = new Float64Array(1024);
  let touched: Int32Array = new Int32Array(1024);

  /**
   * Adds each seed's weight to the vote of its documents; returns how many were touched. The
   * hottest loop of a related list (thousands of postings): scratch grown once per call, locals
   * only, and the votes summed in posting order as before (the same doubles).
   */
  const tally = (seeds: readonly SeedTerm[]): number => {
    const { pool, start, length } = lists;
    let postings = 0;
    for (const { termId } of seeds) {
      postings += length[termId] as number;
    }
    if (touched.length < postings) {
      touched = new Int32Array(Math.max(postings, 2 * touched.length));
    }
    const found = touched;
    let counts = votes;
    let count = 0;
    for (const { termId, weight } of seeds) {
      const from = start[termId] as number;
      const end = from + (length[termId] as number);
      for (let k = from; k < end; k += 1) {
        const doc = pool[k] as number;
        if (doc >= counts.length) {
          counts = grownFloats(counts, doc + 1);
          votes = counts;
        }
        const vote = counts[doc] as number;
        if (vote === 0) {
          found[count] = doc;
          count += 1;
        }
        counts[doc] = vote + weight;
      }
    }
    return count;
  };

  return {
    add: (termId, doc) => lists.add(termId, doc),
    delete: (termId, doc) => lists.delete(termId, doc),
    candidates(seeds, docCount, limit) {
      const maxPostings = Math.max(50, SEED_MAX_SHARE * docCount);
      // A term without postings counts as too common: it never takes a seed's place.
      const chosen = seeds
        .filter(({ termId }) => {
          const length = lists.length[termId] ?? 0;
          return length > 0 && length <= maxPostings;
        })
        .sort((a, b) => b.weight - a.weight)
        .slice(0, SEED_TERMS);
      const count = tally(chosen);
      const ranked = best(touched.subarray(0, count), votes, limit)
        .sort((a, b) => {
          const byVote = (votes[b] as number) - (votes[a] as number);
          return byVote || (idOf(a) < idOf(b) ? -1 : 1);
        })
        .slice(0, Math.max(0, limit));
      for (let i = 0; i < count; i += 1) {
        votes[touched[i] as number] = 0;
      }
      return ranked;
    },
    pack: () => lists.pack(),
  };
}

/** Scratch for `best` (the votes of the touched documents). */
let voteScratch: Float64Array = new Float64Array(1024);

/** The documents whose vote reaches the `limit`-th best (all of them when there are few). */
function best(touched: Int32Array, votes: Float64Array, limit: number): number[] {
  if (!Number.isInteger(limit) || limit <= 0 || touched.length <= limit) {
    return Array.from(touched);
  }
  voteScratch = grownFloats(voteScratch, touched.length);
  const scratch = voteScratch.subarray(0, touched.length);
  for (let i = 0; i < touched.length; i += 1) {
    scratch[i] = votes[touched[i] as number] as number;
  }
  const threshold = kthSmallest(scratch, touched.length - limit);
  const kept: number[] = [];
  for (const doc of touched) {
    if ((votes[doc] as number) >= threshold) {
      kept.push(doc);
    }
  }
  return kept;
}
