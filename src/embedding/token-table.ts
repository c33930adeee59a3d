/**
 * The token-vector table of a context-free model (a static embedding: each token's output row
 * depends on its id alone, like the shipped GloVe lookup graph). Read out of the model once, it
 * lets an embedder pool sequences with plain typed-array loops instead of building tensors and
 * running ONNX for every batch. Pooling adds the rows in token order in float32, exactly as
 * `meanPool` does over the model's output, so the vectors are the same bit for bit; the model is
 * only trusted to be context-free after a probe of mixed batches agreed bit for bit.
 */
import { HALF_VALUES, toHalfCodes } from './half-float.js';

/** Runs the model on rows of ids (padded into one batch): `[rows, length, dims]` token vectors. */
export type RunTokens = (
  rows: readonly (readonly number[])[],
) => Promise<{ data: Float32Array; length: number; dims: number }>;

/** The table: one row of `dims` floats per token id `0..rows-1`. */
export interface TokenTable {
  readonly rows: number;
  readonly dims: number;
  /**
   * The rows: half-float codes (a Uint16Array) when every value is a half float, else float32
   * values (what a prepared-model cache saves, and `createTokenTable` takes back).
   */
  readonly values: Uint16Array | Float32Array;
  /** The pooled vector of one sequence, or undefined when it holds an id outside the table. */
  pool(ids: readonly number[], pooling: 'mean' | 'cls'): Float32Array | undefined;
}

/** Ids per model call while reading the table. */
const READ_CHUNK = 4096;

/**
 * A table over `data` (`rows x dims` floats, or their half-float codes). When every value is a
 * half float (the shipped model stores half floats), the table keeps 16-bit codes decoded through
 * a 64K-entry lookup: half the memory and cache traffic, and the same values.
 */
export function createTokenTable(
  data: Float32Array | Uint16Array,
  rows: number,
  dims: number,
): TokenTable {
  if (data.length !== rows * dims) {
    throw new RangeError(`a token table of ${rows} x ${dims} needs as many values`);
  }
  const half = data instanceof Uint16Array ? data : toHalfCodes(data);
  // With half codes the float32 copy is let go (it is 32 MB for the shipped model).
  const full = half || data instanceof Uint16Array ? new Float32Array(0) : data;
  const inTable = (ids: readonly number[]) =>
    ids.every((id) => Number.isInteger(id) && id >= 0 && id < rows);
  return {
    rows,
    dims,
    values: half ?? full,
    pool(ids, pooling) {
      if (!inTable(ids)) {
        return undefined;
      }
      if (pooling === 'cls') {
        const first = ids[0];
        const out = new Float32Array(dims);
        return first === undefined ? out : addRow(out, first * dims, full, half);
      }
      const out = new Float32Array(dims);
      for (const id of ids) {
        addRow(out, id * dims, full, half);
      }
      if (ids.length > 0) {
        for (let d = 0; d < dims; d += 1) {
          out[d] = (out[d] as number) / ids.length;
        }
      }
      return out;
    },
  };
}

/**
 * Adds the row at `offset` to `out` in float32, as `meanPool` adds a token vector (each store
 * into a Float32Array rounds to float32, as there). Unrolled by four, about a fifth faster; the
 * order of the additions into each `out[d]` is unchanged.
 */
function addRow(
  out: Float32Array,
  offset: number,
  data: Float32Array,
  half: Uint16Array | undefined,
): Float32Array {
  if (half) {
    return addHalfRow(out, offset, half);
  }
  const dims = out.length;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    const o = offset + d;
    out[d] = (out[d] as number) + (data[o] as number);
    out[d + 1] = (out[d + 1] as number) + (data[o + 1] as number);
    out[d + 2] = (out[d + 2] as number) + (data[o + 2] as number);
    out[d + 3] = (out[d + 3] as number) + (data[o + 3] as number);
  }
  for (; d < dims; d += 1) {
    out[d] = (out[d] as number) + (data[offset + d] as number);
  }
  return out;
}

/** `addRow` for a table of half-float codes. */
function addHalfRow(out: Float32Array, offset: number, half: Uint16Array): Float32Array {
  const dims = out.length;
  const v = HALF_VALUES;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    const o = offset + d;
    out[d] = (out[d] as number) + (v[half[o] as number] as number);
    out[d + 1] = (out[d + 1] as number) + (v[half[o + 1] as number] as number);
    out[d + 2] = (out[d + 2] as number) + (v[half[o + 2] as number] as number);
    out[d + 3] = (out[d + 3] as number) + (v[half[o + 3] as number] as number);
  }
  for (; d < dims; d += 1) {
    out[d] = (out[d] as number) + (v[half[offset + d] as number] as number);
  }
  return out;
}

/**
 * Reads the table of `rows` token ids out of a model through `run`, then checks that the model is
 * context-free: a probe batch of sequences of several lengths (so padded, each id at other
 * positions than when read) must give exactly the table's rows. Undefined when not.
 */
export async function readTokenTable(
  run: RunTokens,
  rows: number,
): Promise<TokenTable | undefined> {
  if (!Number.isInteger(rows) || rows < 2) {
    return undefined;
  }
  let data: Float32Array | undefined;
  let dims = 0;
  for (let start = 0; start < rows; start += READ_CHUNK) {
    const ids = Array.from({ length: Math.min(READ_CHUNK, rows - start) }, (_, i) => start + i);
    const out = await run([ids]);
    if (out.dims < 1 || out.length !== ids.length || out.data.length < ids.length * out.dims) {
      return undefined;
    }
    dims = out.dims;
    data ??= new Float32Array(rows * dims);
    data.set(out.data.subarray(0, ids.length * dims), start * dims);
  }
  if (data === undefined || !(await agreesWithModel(run, data, dims))) {
    return undefined;
  }
  return createTokenTable(data, rows, dims);
}

/** Probe sequences: seeded ids over the whole table, of lengths 1 to 40. */
function probeRows(rows: number): number[][] {
  let state = 12_345;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state % rows;
  };
  return [7, 1, 40, 13, 2, 29].map((length) => Array.from({ length }, next));
}

/** True when every token vector of a probe batch equals its table row bit for bit. */
async function agreesWithModel(run: RunTokens, data: Float32Array, dims: number): Promise<boolean> {
  const probe = probeRows(data.length / dims);
  const out = await run(probe);
  if (out.dims !== dims) {
    return false;
  }
  return probe.every((ids, row) =>
    ids.every((id, t) => {
      const offset = (row * out.length + t) * dims;
      for (let d = 0; d < dims; d += 1) {
        if (!Object.is(out.data[offset + d], data[id * dims + d])) {
          return false;
        }
      }
      return true;
    }),
  );
}
