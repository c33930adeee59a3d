/**
 * Vector math shared by the vector index and the ranking: cosine similarity, and the same value
 * from cached squared norms. Pure functions over Float32Array; no dependencies.
 */

/** Cosine of two vectors of equal length (unit vectors: the dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Sum of squares of `v`, accumulated exactly as `cosine` does (so cached norms change nothing). */
export function squaredNorm(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i += 1) {
    const x = v[i] ?? 0;
    sum += x * x;
  }
  return sum;
}

/** `cosine(a, b)` given both squared norms (`squaredNorm`): the same value, one loop instead of three sums. */
export function cosineWithNorms(a: Float32Array, na: number, b: Float32Array, nb: number): number {
  if (na === 0 || nb === 0) {
    return 0;
  }
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
  }
  return dot / Math.sqrt(na * nb);
}
