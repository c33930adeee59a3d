/**
 * The VectorIndex role: nearest neighbours by cosine similarity over string ids.
 * Adapters: `hnsw-index.ts` (hnswlib-node, persisted) and `exact-index.ts` (brute force: the
 * unit-test index and the recall oracle for HNSW).
 */

/** One neighbour: `similarity` is the cosine similarity in -1..1 (1 = same direction). */
export interface Neighbour {
  readonly id: string;
  readonly similarity: number;
}

/** A stored vector, exactly as upserted, with its squared norm (for `cosineWithNorms`). */
export interface NormedVector {
  readonly vector: Float32Array;
  readonly norm: number;
}

export interface VectorIndex {
  readonly dimensions: number;
  /** Number of live (not deleted) vectors. */
  size(): number;
  has(id: string): boolean;
  /** The vector stored for `id` (a view: copy it to keep it past the next write). */
  vector(id: string): NormedVector | undefined;
  /** Every stored id with (a view of) its vector, in the order the ids were first stored. */
  vectors(): IterableIterator<{ id: string; vector: Float32Array }>;
  /** Inserts or replaces the vector of `id`. Throws DIMENSION_MISMATCH on a wrong length. */
  upsert(id: string, vector: Float32Array): void;
  /** Removes `id` from every later answer; false when it was not there. */
  remove(id: string): boolean;
  /**
   * The `k` nearest live vectors, most similar first. `accept` filters ids inside the search so a
   * filter does not shorten the answer when enough accepted vectors exist.
   */
  search(vector: Float32Array, k: number, accept?: (id: string) => boolean): Neighbour[];
}
