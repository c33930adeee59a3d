/**
 * Dense steps of the randomized SVD on tall row-major blocks (rows x width, float64): the Gram
 * matrix, orthonormalisation through the eigendecomposition of that small Gram matrix
 * (`ml-matrix`), and the product of a tall block with a small matrix. Plain loops in a fixed
 * order, so the same input gives the same bits.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A tall row-major block: `rows` x `width` float64 values. */
export interface Block {
  readonly rows: number;
  readonly width: number;
  readonly data: Float64Array;
}

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

/** BᵀB of a tall block (width x width, symmetric). */
export function gram(block: Block): Float64Array {
  const { rows, width, data } = block;
  const out = new Float64Array(width * width);
  for (let i = 0; i < rows; i += 1) {
    const base = i * width;
    for (let a = 0; a < width; a += 1) {
      const value = data[base + a] as number;
      if (value === 0) {
        continue;
      }
      const row = a * width;
      for (let b = a; b < width; b += 1) {
        out[row + b] = (out[row + b] as number) + value * (data[base + b] as number);
      }
    }
  }
  for (let a = 0; a < width; a += 1) {
    for (let b = 0; b < a; b += 1) {
      out[a * width + b] = out[b * width + a] as number;
    }
  }
  return out;
}

/** The block times `matrix` (width x columns, from ml-matrix): a new tall block. */
export function times(block: Block, matrix: Matrix, columns: number): Block {
  const { rows, width, data } = block;
  const small = new Float64Array(width * columns);
  for (let a = 0; a < width; a += 1) {
    for (let c = 0; c < columns; c += 1) {
      small[a * columns + c] = matrix.get(a, c);
    }
  }
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    const base = i * width;
    const target = i * columns;
    for (let a = 0; a < width; a += 1) {
      const value = data[base + a] as number;
      if (value === 0) {
        continue;
      }
      const row = a * columns;
      for (let c = 0; c < columns; c += 1) {
        out[target + c] = (out[target + c] as number) + value * (small[row + c] as number);
      }
    }
  }
  return { rows, width: columns, data: out };
}

/** Relative eigenvalue below which a direction counts as absent (rank-deficient blocks). */
const RANK_TOLERANCE = 1e-12;

/**
 * An orthonormal basis of the block's column space: B V Λ^-1/2 from the eigendecomposition of
 * BᵀB, dropping directions the block does not span; `passes` = 2 restores the orthogonality
 * that one pass loses to rounding.
 */
export function orthonormalize(block: Block, passes = 1): Block {
  let current = block;
  for (let pass = 0; pass < passes; pass += 1) {
    const { values, vectors } = symmetricEigen(gram(current), current.width);
    const top = values[0] ?? 0;
    const kept = values.filter((value) => value > top * RANK_TOLERANCE && value > 0).length;
    const scaled = new Matrix(current.width, kept);
    for (let c = 0; c < kept; c += 1) {
      const scale = 1 / Math.sqrt(values[c] as number);
      for (let a = 0; a < current.width; a += 1) {
        scaled.set(a, c, vectors.get(a, c) * scale);
      }
    }
    current = times(current, scaled, kept);
  }
  return current;
}
