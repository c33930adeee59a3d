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
import { textOverlap } from './dedupe.js';

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
      overlap: () => textOverlap(cache.body(a.article.id), cache.body(b.article.id)),
    };
  };
}

/**
 * `exact` for the duplicate test only: each pair is first screened with a quick cosine of unit
 * vectors in double precision (error far below `SCREEN_SLACK`); a pair clearly below
 * `duplicateCosine` gets cosine -1 (not a duplicate, as with the exact cosine) without the exact
 * evidence. Not for diversity, which needs the exact cosine.
 */
export function duplicateSimilarity(
  exact: PairSimilarity,
  cache: ArticleCache,
  duplicateCosine: number,
): PairSimilarity {
  const units = new Map<string, Float64Array | null>();
  const unitOf = (candidate: Candidate) => {
    const id = candidate.article.id;
    let unit = units.get(id);
    if (unit === undefined) {
      const stored = cache.vector(id);
      unit = stored && stored.norm > 0 ? unitVector(stored.vector, stored.norm) : null;
      units.set(id, unit);
    }
    return unit;
  };
  const bar = duplicateCosine - SCREEN_SLACK;
  return (a, b) => {
    const ua = unitOf(a);
    const ub = unitOf(b);
    return ua && ub && dot(ua, ub) < bar ? NOT_DUPLICATE : exact(a, b);
  };
}

/** Margin of the screen: rounding of a 1,000-dimension double dot product is below 1e-12. */
const SCREEN_SLACK = 1e-9;
const NOT_DUPLICATE = Object.freeze({ cosine: -1, lexical: 0 });

function unitVector(vector: Float32Array, squaredNorm: number): Float64Array {
  const scale = 1 / Math.sqrt(squaredNorm);
  const unit = new Float64Array(vector.length);
  for (let i = 0; i < vector.length; i += 1) {
    unit[i] = (vector[i] ?? 0) * scale;
  }
  return unit;
}

function dot(a: Float64Array, b: Float64Array): number {
  const n = Math.min(a.length, b.length);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i += 1) {
    s0 += (a[i] as number) * (b[i] as number);
  }
  return s0 + s1 + s2 + s3;
}
