/**
 * How similar two candidates of one list are: their embedding cosine, and for pairs that point
 * the same way (possible duplicates) their lexical similarity and, lazily, their shingle overlap.
 * The duplicate test screens pairs with a quick double-precision cosine first and computes the
 * exact evidence only for pairs near or above the duplicate cosine (the outcome is the same).
 */
import type { LexicalIndex } from '../lexical/lexical-index.js';
import { cosineWithNorms } from '../vectors.js';
import type { ArticleCache } from './article-cache.js';
import type { Candidate, PairSimilarity } from './candidate.js';
import { shingleOverlap } from './shingles.js';

/** Cosine and lexical similarity of two candidates (for diversity and duplicates). */
export function pairSimilarity(
  cache: ArticleCache,
  lexical: LexicalIndex,
  duplicateCosine: number,
): PairSimilarity {
  return (a, b) => {
    const va = cache.vector(a.article.id);
    const vb = cache.vector(b.article.id);
    const similarity = va && vb ? cosineWithNorms(va.vector, va.norm, vb.vector, vb.norm) : 0;
    if (similarity < duplicateCosine) {
      // Not a duplicate whatever the words say: only the cosine matters (diversity).
      return { cosine: similarity, lexical: 0 };
    }
    // The lexical side only decides between items that already point the same way (duplicates).
    return {
      cosine: similarity,
      lexical: lexical.between(a.article.id, b.article.id),
      overlap: () => shingleOverlap(cache.shingles(a.article.id), cache.shingles(b.article.id)),
    };
  };
}

/**
 * A screen for the duplicate test over one list's candidates (by position): false when the pair
 * is certainly not a duplicate, because the cosine of their unit vectors, in double precision
 * (error far below `SCREEN_SLACK`), is clearly below `duplicateCosine`; true when the exact
 * evidence must decide. The unit vectors sit in one matrix, so a list of a hundred candidates
 * screens its few thousand pairs in a tight loop.
 */
export function duplicateScreen(
  candidates: readonly Candidate[],
  cache: ArticleCache,
  duplicateCosine: number,
): (a: number, b: number) => boolean {
  const dimensions = firstDimensions(candidates, cache);
  const units = new Float64Array(candidates.length * dimensions);
  const known = new Uint8Array(candidates.length);
  candidates.forEach((candidate, i) => {
    const stored = cache.vector(candidate.article.id);
    if (stored && stored.norm > 0 && stored.vector.length === dimensions) {
      const scale = 1 / Math.sqrt(stored.norm);
      for (let d = 0; d < dimensions; d += 1) {
        units[i * dimensions + d] = (stored.vector[d] as number) * scale;
      }
      known[i] = 1;
    }
  });
  const bar = duplicateCosine - SCREEN_SLACK;
  return (a, b) => known[a] === 0 || known[b] === 0 || dotRows(units, a, b, dimensions) >= bar;
}

/** Margin of the screen: rounding of a 1,000-dimension double dot product is below 1e-12. */
const SCREEN_SLACK = 1e-9;

function firstDimensions(candidates: readonly Candidate[], cache: ArticleCache): number {
  for (const candidate of candidates) {
    const stored = cache.vector(candidate.article.id);
    if (stored) {
      return stored.vector.length;
    }
  }
  return 0;
}

function dotRows(units: Float64Array, a: number, b: number, dimensions: number): number {
  const i0 = a * dimensions;
  const j0 = b * dimensions;
  let s0 = 0;
  let s1 = 0;
  let d = 0;
  for (; d + 1 < dimensions; d += 2) {
    s0 += (units[i0 + d] as number) * (units[j0 + d] as number);
    s1 += (units[i0 + d + 1] as number) * (units[j0 + d + 1] as number);
  }
  for (; d < dimensions; d += 1) {
    s0 += (units[i0 + d] as number) * (units[j0 + d] as number);
  }
  return s0 + s1;
}
