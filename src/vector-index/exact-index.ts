/**
 * ExactIndex: brute-force cosine search over all vectors. The unit-test index, and the recall
 * oracle that HNSW is measured against (bench `recallAt10`).
 */
import { AppError } from '../errors.js';
import { cosine, squaredNorm } from '../vectors.js';
import type { Neighbour, VectorIndex } from './vector-index.js';

/** Creates an exact (brute force) index of unit vectors. */
export function createExactIndex(dimensions: number): VectorIndex {
  const vectors = new Map<string, Float32Array>();
  return {
    dimensions,
    size: () => vectors.size,
    has: (id) => vectors.has(id),
    vector(id) {
      const vector = vectors.get(id);
      return vector && { vector, norm: squaredNorm(vector) };
    },
    upsert(id, vector) {
      assertDimensions(vector, dimensions);
      vectors.set(id, Float32Array.from(vector));
    },
    remove: (id) => vectors.delete(id),
    *vectors() {
      for (const [id, vector] of vectors) {
        yield { id, vector };
      }
    },
    search(query, k, accept) {
      assertDimensions(query, dimensions);
      const hits: Neighbour[] = [];
      for (const [id, vector] of vectors) {
        if (accept === undefined || accept(id)) {
          hits.push({ id, similarity: cosine(query, vector) });
        }
      }
      hits.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
      return hits.slice(0, Math.max(0, k));
    },
  };
}

/** Throws DIMENSION_MISMATCH unless `vector` has `dimensions` entries. */
export function assertDimensions(vector: Float32Array, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new AppError(
      'DIMENSION_MISMATCH',
      `Vector has ${vector.length} dimensions; the index holds ${dimensions}`,
    );
  }
}
