/**
 * Randomized truncated SVD (Halko, Martinsson and Tropp, 2011) of a sparse documents x terms
 * matrix, for the term side: a seeded Gaussian sketch of the term space, a few power iterations
 * with orthonormalisation between them, then the small dense eigenproblem. Seeded and computed
 * in a fixed order, so the same matrix gives the same bits.
 */
import { createRandom } from '../bench/synthetic-corpus.js';
import { type Block, type BlockOps, type SparseRows, serialBlockOps } from './block-ops.js';
import { orthonormalize, symmetricEigen, times } from './dense.js';

export type { SparseRows };

export interface SvdOptions {
  readonly rank: number;
  readonly oversample: number;
  readonly powerIterations: number;
  readonly seed: number;
}

/** The term-side singular vectors (terms x rank, row-major) and the singular values. */
export interface TermSvd {
  readonly rank: number;
  readonly termVectors: Float64Array;
  readonly singularValues: number[];
}

/**
 * Xᵀ as compressed rows (terms x documents), so that Xᵀ M gathers rows of M like X M does:
 * scattering into the rows of a tall result costs several times more in cache misses.
 */
function transpose(ops: BlockOps, x: SparseRows): SparseRows {
  const start = ops.ints(x.terms + 1);
  for (let p = 0; p < x.columns.length; p += 1) {
    const term = x.columns[p] as number;
    start[term + 1] = (start[term + 1] as number) + 1;
  }
  for (let t = 0; t < x.terms; t += 1) {
    start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  }
  const next = start.slice(0, x.terms);
  const columns = ops.ints(x.columns.length);
  const values = ops.floats(x.columns.length);
  for (let d = 0; d < x.documents; d += 1) {
    for (let p = x.start[d] as number; p < (x.start[d + 1] as number); p += 1) {
      const term = x.columns[p] as number;
      const at = next[term] as number;
      columns[at] = d;
      values[at] = x.values[p] as number;
      next[term] = at + 1;
    }
  }
  return { documents: x.terms, terms: x.documents, start, columns, values };
}

/** A documents x width block of standard normal values (Box-Muller on a seeded PRNG). */
function gaussianBlock(ops: BlockOps, rows: number, width: number, seed: number): Block {
  const random = createRandom(seed);
  const data = ops.floats(rows * width);
  for (let i = 0; i < data.length; i += 2) {
    const u = 1 - random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    data[i] = radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < data.length) {
      data[i + 1] = radius * Math.sin(2 * Math.PI * v);
    }
  }
  return { rows, width, data };
}

/**
 * The `rank` leading term-side singular vectors of `x` (fewer when x has lower rank). The sketch
 * is orthonormalised on the term side only (after each power iteration, twice after the last):
 * in float64 a power iteration's growth of the spread of singular values loses nothing the
 * next orthonormalisation does not restore, and the document side is the larger one.
 */
export function termSvd(
  matrix: SparseRows,
  options: SvdOptions,
  ops: BlockOps = serialBlockOps(),
): TermSvd {
  const x = ops.adopt(matrix);
  const width = Math.min(options.rank + options.oversample, x.documents, x.terms);
  const xt = transpose(ops, x);
  const last = options.powerIterations;
  const sketch = gaussianBlock(ops, x.documents, width, options.seed);
  let q = ops.sparseTimes(xt, sketch);
  ops.release(sketch);
  q = orthonormalize(ops, q, last === 0 ? 2 : 1);
  for (let i = 1; i <= last; i += 1) {
    const y = ops.sparseTimes(x, q);
    ops.release(q);
    const back = ops.sparseTimes(xt, y);
    ops.release(y);
    q = orthonormalize(ops, back, i === last ? 2 : 1);
  }
  // B = Qᵀ Xᵀ (width x documents); B Bᵀ = Zᵀ Z with Z = X Q.
  const z = ops.sparseTimes(x, q);
  const { values, vectors } = symmetricEigen(ops.gram(z), q.width);
  ops.release(z);
  const rank = Math.min(options.rank, values.filter((value) => value > 0).length);
  const u = times(ops, q, vectors, rank);
  fixSigns(u);
  return {
    rank,
    termVectors: u.data,
    singularValues: values.slice(0, rank).map((value) => Math.sqrt(value)),
  };
}

/** Each column's sign chosen so that its sum is positive: one canonical basis. */
function fixSigns(block: Block): void {
  const { rows, width, data } = block;
  for (let c = 0; c < width; c += 1) {
    let sum = 0;
    for (let i = 0; i < rows; i += 1) {
      sum += data[i * width + c] as number;
    }
    if (sum < 0) {
      for (let i = 0; i < rows; i += 1) {
        data[i * width + c] = -(data[i * width + c] as number);
      }
    }
  }
}
