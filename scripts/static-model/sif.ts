/**
 * The SIF embedding table (Arora, Liang and Ma, ICLR 2017), baked for a static model: each word
 * vector scaled by a / (a + p(w)), with p(w) from the word's frequency rank (Zipf), then the common
 * component(s) projected out of every row. Both steps are linear per word, so a mean over the rows
 * of a text equals SIF's weighted average with the component removed.
 */

/** How the common component is chosen. */
export type CommonComponent = 'none' | 'pc1' | 'mean';

export interface SifOptions {
  /** SIF smoothing `a`; smaller down-weights frequent words harder. */
  readonly a: number;
  /** Scale word vectors to unit length before weighting. */
  readonly unitWords: boolean;
  readonly common: CommonComponent;
}

/** Zipf probability of rank r (0-based) among `total` words: p(r) = 1 / ((r + 1) H_total). */
export function zipfProbability(rank: number, total: number): number {
  let harmonic = 0;
  for (let r = 1; r <= total; r += 1) {
    harmonic += 1 / r;
  }
  return 1 / ((rank + 1) * harmonic);
}

/** SIF weight of a word with probability p. */
export function sifWeight(a: number, p: number): number {
  return a / (a + p);
}

/**
 * Rows of the weighted table for the given frequency ranks, row i at `i * dimensions`,
 * with the common component removed as `options.common` says.
 */
export function buildSifRows(
  vectors: Float32Array,
  dimensions: number,
  ranks: readonly number[],
  totalWords: number,
  options: SifOptions,
): { rows: Float32Array; component: Float64Array | null } {
  const harmonic = zipfProbability(0, totalWords);
  const rows = new Float32Array(ranks.length * dimensions);
  const probabilities = new Float64Array(ranks.length);
  ranks.forEach((rank, i) => {
    const p = harmonic / (rank + 1);
    probabilities[i] = p;
    const source = vectors.subarray(rank * dimensions, (rank + 1) * dimensions);
    const norm = options.unitWords ? Math.hypot(...source) || 1 : 1;
    const weight = sifWeight(options.a, p) / norm;
    for (let d = 0; d < dimensions; d += 1) {
      rows[i * dimensions + d] = (source[d] ?? 0) * weight;
    }
  });
  if (options.common === 'none') {
    return { rows, component: null };
  }
  const component =
    options.common === 'mean'
      ? weightedMean(rows, dimensions, probabilities)
      : firstPrincipalComponent(rows, dimensions, probabilities);
  removeComponent(rows, dimensions, component);
  return { rows, component };
}

/** Unit vector of the frequency-weighted mean row: the direction every long text shares. */
export function weightedMean(
  rows: Float32Array,
  dimensions: number,
  weights: Float64Array,
): Float64Array {
  const mean = new Float64Array(dimensions);
  weights.forEach((w, i) => {
    for (let d = 0; d < dimensions; d += 1) {
      mean[d] = (mean[d] ?? 0) + w * (rows[i * dimensions + d] ?? 0);
    }
  });
  return unit(mean);
}

/** First (uncentered) principal component of the rows, each row weighted: power iteration. */
export function firstPrincipalComponent(
  rows: Float32Array,
  dimensions: number,
  weights: Float64Array,
): Float64Array {
  const moment = new Float64Array(dimensions * dimensions);
  weights.forEach((w, i) => {
    const offset = i * dimensions;
    for (let r = 0; r < dimensions; r += 1) {
      const wr = w * (rows[offset + r] ?? 0);
      for (let c = 0; c < dimensions; c += 1) {
        moment[r * dimensions + c] =
          (moment[r * dimensions + c] ?? 0) + wr * (rows[offset + c] ?? 0);
      }
    }
  });
  let vector = weightedMean(rows, dimensions, weights);
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const next = new Float64Array(dimensions);
    for (let r = 0; r < dimensions; r += 1) {
      let sum = 0;
      for (let c = 0; c < dimensions; c += 1) {
        sum += (moment[r * dimensions + c] ?? 0) * (vector[c] ?? 0);
      }
      next[r] = sum;
    }
    vector = unit(next);
  }
  return vector;
}

/** Projects `component` (a unit vector) out of every row, in place. */
export function removeComponent(
  rows: Float32Array,
  dimensions: number,
  component: Float64Array,
): void {
  for (let offset = 0; offset < rows.length; offset += dimensions) {
    let dot = 0;
    for (let d = 0; d < dimensions; d += 1) {
      dot += (rows[offset + d] ?? 0) * (component[d] ?? 0);
    }
    for (let d = 0; d < dimensions; d += 1) {
      rows[offset + d] = (rows[offset + d] ?? 0) - dot * (component[d] ?? 0);
    }
  }
}

function unit(vector: Float64Array): Float64Array {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
