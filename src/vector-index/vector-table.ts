/**
 * VectorTable: every indexed vector exactly as it was stored (hnswlib keeps its own normalised
 * copy, which differs in the last bits), with its squared norm, in one growing Float32Array. The
 * ranking reads candidates' vectors here instead of from SQLite: a related list compares the
 * source with a hundred or more candidates, and a BLOB read per candidate cost more than all the
 * arithmetic. Rows freed by removals are reused.
 */
import { squaredNorm } from '../vectors.js';
import type { NormedVector } from './vector-index.js';

export interface VectorTable {
  set(id: string, vector: Float32Array): void;
  /** A view of the stored row (valid until the next `set` or `delete`), with its squared norm. */
  get(id: string): NormedVector | undefined;
  delete(id: string): void;
  size(): number;
  /** Every id with (a view of) its vector, in the order the ids were first stored. */
  entries(): IterableIterator<{ id: string; vector: Float32Array }>;
  /** The rows of `ids` (all present) packed in that order, as `createVectorTable` restores them. */
  pack(ids: readonly string[]): Float32Array;
}

/**
 * An empty table of `dimensions`-long rows, or one filled from `packed` (as `pack` returns; the
 * table takes ownership of `packed.vectors`).
 */
export function createVectorTable(
  dimensions: number,
  packed?: { ids: readonly string[]; vectors: Float32Array },
): VectorTable {
  const rowOf = new Map<string, number>();
  const free: number[] = [];
  let data: Float32Array = new Float32Array(dimensions * 16);
  let norms = new Float64Array(16);
  let rows = 0;

  const rowFor = (id: string): number => {
    const existing = rowOf.get(id);
    if (existing !== undefined) {
      return existing;
    }
    const row = free.pop() ?? rows++;
    if ((row + 1) * dimensions > data.length) {
      const grown = new Float32Array(data.length * 2);
      grown.set(data);
      data = grown;
      const grownNorms = new Float64Array(norms.length * 2);
      grownNorms.set(norms);
      norms = grownNorms;
    }
    rowOf.set(id, row);
    return row;
  };

  const table: VectorTable = {
    set(id, vector) {
      const row = rowFor(id);
      data.set(vector, row * dimensions);
      norms[row] = squaredNorm(vector);
    },
    get(id) {
      const row = rowOf.get(id);
      if (row === undefined) {
        return undefined;
      }
      const start = row * dimensions;
      return { vector: data.subarray(start, start + dimensions), norm: norms[row] as number };
    },
    delete(id) {
      const row = rowOf.get(id);
      if (row !== undefined) {
        rowOf.delete(id);
        free.push(row);
      }
    },
    size: () => rowOf.size,
    *entries() {
      for (const [id, row] of rowOf) {
        yield { id, vector: data.subarray(row * dimensions, (row + 1) * dimensions) };
      }
    },
    pack(ids) {
      const vectors = new Float32Array(ids.length * dimensions);
      ids.forEach((id, i) => {
        const start = (rowOf.get(id) as number) * dimensions;
        vectors.set(data.subarray(start, start + dimensions), i * dimensions);
      });
      return vectors;
    },
  };
  if (packed && packed.ids.length > 0) {
    // Adopt the packed rows as they are: a restore is a norm per row, no copy.
    data = packed.vectors;
    norms = new Float64Array(packed.ids.length);
    packed.ids.forEach((id, row) => {
      rowOf.set(id, row);
      norms[row] = squaredNorm(data.subarray(row * dimensions, (row + 1) * dimensions));
    });
    rows = packed.ids.length;
  }
  return table;
}
