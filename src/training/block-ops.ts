/**
 * The products of the randomized SVD, each split in two halves of rows: `serialBlockOps` runs
 * both on this thread, `createBlockOps` gives the second half to a worker thread (both cores),
 * over shared memory, while this thread runs the first and then waits on an atomic flag. Every
 * output row is computed by the same loop either way and the Gram matrix is always the sum of
 * its two halves' shares in the same order, so both give the same bits.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../embedding/worker-pool-embedder.js';
import { AppError } from '../errors.js';
import { type KernelTask, runKernel, type SparseArrays } from './kernels.js';

/** A tall row-major block: `rows` x `width` float64 values. */
export interface Block {
  readonly rows: number;
  readonly width: number;
  readonly data: Float64Array;
}

/** Documents x terms, rows compressed: document d holds `columns[start[d]..start[d+1]]`. */
export interface SparseRows extends SparseArrays {
  readonly documents: number;
  readonly terms: number;
}

export interface BlockOps {
  /**
   * A zeroed array the worker can see (shared memory when there is a worker): a released one
   * of the same length when there is one.
   */
  floats(length: number): Float64Array;
  /** Gives a block's memory back for reuse; the block must not be read again. */
  release(block: Block): void;
  ints(length: number): Int32Array;
  /** `x` in memory the worker can see (a copy when there is a worker). */
  adopt(x: SparseRows): SparseRows;
  /** X M: X.rows x M.width. */
  sparseTimes(x: SparseRows, m: Block): Block;
  /** B S, S being B.width x `columns` (row-major). */
  times(block: Block, small: Float64Array, columns: number): Block;
  /** BᵀB (width x width, symmetric). */
  gram(block: Block): Float64Array;
  close(): Promise<void>;
}

/** Ops over `alloc`, running each task's halves through `split` (first half, second half). */
function opsOver(
  shared: boolean,
  alloc: (bytes: number) => ArrayBufferLike,
  split: (task: KernelTask, second: KernelTask, middle: number, rows: number) => void,
  close: () => Promise<void>,
): BlockOps {
  // Released arrays by length: the SVD's blocks come in a few sizes, and reusing them keeps the
  // peak memory at the blocks alive at once (a worker thread frees shared memory only when it
  // collects garbage, which it seldom needs to).
  const free = new Map<number, Float64Array[]>();
  const floats = (length: number) => {
    const reused = free.get(length)?.pop();
    return reused ? reused.fill(0) : new Float64Array(alloc(length * 8));
  };
  const release = (block: Block) => {
    const list = free.get(block.data.length) ?? [];
    list.push(block.data);
    free.set(block.data.length, list);
  };
  const halfNnz = (x: SparseRows) => {
    const target = (x.start[x.documents] as number) / 2;
    let row = 0;
    while (row < x.documents && (x.start[row + 1] as number) <= target) {
      row += 1;
    }
    return row;
  };
  const ints = (length: number) => new Int32Array(alloc(length * 4));
  return {
    floats,
    release,
    ints,
    adopt(x) {
      if (!shared || x.values.buffer instanceof SharedArrayBuffer) {
        return x;
      }
      const start = ints(x.start.length);
      const columns = ints(x.columns.length);
      const values = floats(x.values.length);
      start.set(x.start);
      columns.set(x.columns);
      values.set(x.values);
      return { documents: x.documents, terms: x.terms, start, columns, values };
    },
    sparseTimes(x, m) {
      const task: KernelTask = {
        kernel: 'sparse',
        x: { start: x.start, columns: x.columns, values: x.values },
        m: m.data,
        width: m.width,
        out: floats(x.documents * m.width),
      };
      split(task, task, halfNnz(x), x.documents);
      return { rows: x.documents, width: m.width, data: task.out };
    },
    times(block, small, columns) {
      const out = floats(block.rows * columns);
      const task: KernelTask = {
        kernel: 'dense',
        data: block.data,
        width: block.width,
        small,
        columns,
        out,
      };
      split(task, task, Math.floor(block.rows / 2), block.rows);
      return { rows: block.rows, width: columns, data: out };
    },
    gram(block) {
      const { width } = block;
      const first: KernelTask = {
        kernel: 'gram',
        data: block.data,
        width,
        out: floats(width * width),
      };
      const second: KernelTask = { ...first, out: floats(width * width) };
      split(first, second, Math.floor(block.rows / 2), block.rows);
      return symmetricSum(first.out, second.out, width);
    },
    close,
  };
}

/** The two upper-triangle shares summed, mirrored into a full symmetric matrix. */
function symmetricSum(a: Float64Array, b: Float64Array, width: number): Float64Array {
  const out = new Float64Array(width * width);
  for (let i = 0; i < width; i += 1) {
    for (let j = i; j < width; j += 1) {
      const value = (a[i * width + j] as number) + (b[i * width + j] as number);
      out[i * width + j] = value;
      out[j * width + i] = value;
    }
  }
  return out;
}

/** Both halves on this thread. */
export function serialBlockOps(): BlockOps {
  return opsOver(
    false,
    (bytes) => new ArrayBuffer(bytes),
    (first, second, middle, rows) => {
      runKernel(first, 0, middle);
      runKernel(second, middle, rows);
    },
    async () => {},
  );
}

function workerUrl(): URL {
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./block-worker${extension}`, import.meta.url);
}

/** This thread and one worker thread; resolves once the worker is up. */
export async function createBlockOps(): Promise<BlockOps> {
  const worker = startModuleWorker(workerUrl(), undefined);
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the SVD worker ended (${code})`)));
  });
  worker.removeAllListeners();
  return opsOver(
    true,
    (bytes) => new SharedArrayBuffer(bytes),
    (first, second, middle, rows) => inWorker(worker, first, second, middle, rows),
    async () => {
      await worker.terminate();
    },
  );
}

/** The second half in `worker`, the first here, then waits until the worker says it is done. */
function inWorker(
  worker: Worker,
  first: KernelTask,
  second: KernelTask,
  middle: number,
  rows: number,
) {
  const done = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ task: second, from: middle, to: rows, done });
  runKernel(first, 0, middle);
  while (Atomics.load(done, 0) === 0) {
    Atomics.wait(done, 0, 0, 1000);
  }
  if (Atomics.load(done, 0) !== 1) {
    throw new AppError('INTERNAL_ERROR', 'model train: the SVD worker thread failed');
  }
}
