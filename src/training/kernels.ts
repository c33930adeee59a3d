/**
 * The inner loops of the randomized SVD, each over a range of output rows, so that two threads
 * can share one product (block-ops.ts): a sparse matrix times a tall block, a tall block times a
 * small matrix, and a range's share of a Gram matrix. Plain typed-array loops in a fixed order
 * (the same input gives the same bits), unrolled by four: they are most of `model train`'s time.
 */

/** Compressed rows: row r holds `columns[start[r]..start[r+1]]` with `values`. */
export interface SparseArrays {
  readonly start: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/** Rows `from..to` of X M into `out` (rows x width, zeroed), M being `m` (X's columns x width). */
export function sparseTimesRows(
  x: SparseArrays,
  m: Float64Array,
  width: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  const { start, columns, values } = x;
  for (let r = from; r < to; r += 1) {
    const end = start[r + 1] as number;
    for (let p = start[r] as number; p < end; p += 1) {
      addScaled(out, r * width, values[p] as number, m, (columns[p] as number) * width, width);
    }
  }
}

/** Rows `from..to` of B S into `out` (zeroed): B is rows x width, S width x columns. */
export function denseTimesRows(
  data: Float64Array,
  width: number,
  small: Float64Array,
  columns: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i += 1) {
    const base = i * width;
    for (let a = 0; a < width; a += 1) {
      const value = data[base + a] as number;
      if (value !== 0) {
        addScaled(out, i * columns, value, small, a * columns, columns);
      }
    }
  }
}

/** The upper triangle of Σ bᵢᵀbᵢ over rows `from..to` of B (rows x width), added into `out`. */
export function gramRows(
  data: Float64Array,
  width: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i += 1) {
    const base = i * width;
    for (let a = 0; a < width; a += 1) {
      const value = data[base + a] as number;
      if (value !== 0) {
        addScaled(out, a * width + a, value, data, base + a, width - a);
      }
    }
  }
}

/** `out[at..at+n)` += `value` × `source[from..from+n)`, unrolled by four (same bits as a plain loop). */
function addScaled(
  out: Float64Array,
  at: number,
  value: number,
  source: Float64Array,
  from: number,
  n: number,
): void {
  const tail = n - (n % 4);
  let c = 0;
  for (; c < tail; c += 4) {
    out[at + c] = (out[at + c] as number) + value * (source[from + c] as number);
    out[at + c + 1] = (out[at + c + 1] as number) + value * (source[from + c + 1] as number);
    out[at + c + 2] = (out[at + c + 2] as number) + value * (source[from + c + 2] as number);
    out[at + c + 3] = (out[at + c + 3] as number) + value * (source[from + c + 3] as number);
  }
  for (; c < n; c += 1) {
    out[at + c] = (out[at + c] as number) + value * (source[from + c] as number);
  }
}

/** One product, its arrays on shared memory (plain memory on the serial path). */
export type KernelTask =
  | {
      readonly kernel: 'sparse';
      readonly x: SparseArrays;
      readonly m: Float64Array;
      readonly width: number;
      readonly out: Float64Array;
    }
  | {
      readonly kernel: 'dense';
      readonly data: Float64Array;
      readonly width: number;
      readonly small: Float64Array;
      readonly columns: number;
      readonly out: Float64Array;
    }
  | {
      readonly kernel: 'gram';
      readonly data: Float64Array;
      readonly width: number;
      readonly out: Float64Array;
    };

/** Runs `task` over rows `from..to`. */
export function runKernel(task: KernelTask, from: number, to: number): void {
  if (task.kernel === 'sparse') {
    sparseTimesRows(task.x, task.m, task.width, task.out, from, to);
  } else if (task.kernel === 'dense') {
    denseTimesRows(task.data, task.width, task.small, task.columns, task.out, from, to);
  } else {
    gramRows(task.data, task.width, task.out, from, to);
  }
}
