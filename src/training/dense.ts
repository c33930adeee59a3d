/**
 * Dense steps of the randomized SVD on tall row-major blocks (rows x width, float64):
 * orthonormalisation through the eigendecomposition of the block's small Gram matrix
 * (`ml-matrix`), and the product of a tall block with a small matrix (the loops themselves run
 * through block-ops.ts, on both cores). The same input gives the same bits.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Block, BlockOps } from './block-ops.js';

/** Eigenvalues (descending) and eigenvectors (columns, same order) of a symmetric matrix. */
export function symmetricEigen(
  values: Float64Array,
  size: number,
): { values: number[]; vectors: Matrix } {
  const matrix = new Matrix(size, size);
  for (let a = 0; a < size; a += 1) {
    for (let b = 0; b < size; b += 1) {
      matrix.set(a, b, values[a * size + b] as number);
    }
  }
  const eigen = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const order = eigen.realEigenvalues
    .map((value, index) => ({ value, index }))
    .sort((x, y) => y.value - x.value || x.index - y.index);
  const vectors = new Matrix(size, size);
  order.forEach(({ index }, column) => {
    for (let row = 0; row < size; row += 1) {
      vectors.set(row, column, eigen.eigenvectorMatrix.get(row, index));
    }
  });
  return { values: order.map(({ value }) => value), vectors };
}

/** The block times `matrix` (width x columns, from ml-matrix): a new tall block. */
export function times(ops: BlockOps, block: Block, matrix: Matrix, columns: number): Block {
  const small = new Float64Array(block.width * columns);
  for (let a = 0; a < block.width; a += 1) {
    for (let c = 0; c < columns; c += 1) {
      small[a * columns + c] = matrix.get(a, c);
    }
  }
  return ops.times(block, small, columns);
}

/** Relative eigenvalue below which a direction counts as absent (rank-deficient blocks). */
const RANK_TOLERANCE = 1e-12;

/**
 * An orthonormal basis of the block's column space: B V Λ^-1/2 from the eigendecomposition of
 * BᵀB, dropping directions the block does not span; `passes` = 2 restores the orthogonality
 * that one pass loses to rounding. Consumes `block` (its memory goes back to `ops`).
 */
export function orthonormalize(ops: BlockOps, block: Block, passes = 1): Block {
  let current = block;
  for (let pass = 0; pass < passes; pass += 1) {
    const { values, vectors } = symmetricEigen(ops.gram(current), current.width);
    const top = values[0] ?? 0;
    const kept = values.filter((value) => value > top * RANK_TOLERANCE && value > 0).length;
    const scaled = new Matrix(current.width, kept);
    for (let c = 0; c < kept; c += 1) {
      const scale = 1 / Math.sqrt(values[c] as number);
      for (let a = 0; a < current.width; a += 1) {
        scaled.set(a, c, vectors.get(a, c) * scale);
      }
    }
    const next = times(ops, current, scaled, kept);
    ops.release(current);
    current = next;
  }
  return current;
}
