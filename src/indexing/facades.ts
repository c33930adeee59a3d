/**
 * The indexes as the rest of the service sees them: always the current one (a rebuild swaps a
 * new index in under the same object), answering from memory, and refusing with the keeper's
 * failure (MODEL_MISMATCH once the store holds another model's vectors) instead of stale answers.
 */
import type { AppError } from '../errors.js';
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';

/** `current()`, unless `failure()` names why it must not answer. */
function unlessFailed<T>(current: () => T, failure: () => AppError | undefined): () => T {
  return () => {
    const error = failure();
    if (error) {
      throw error;
    }
    return current();
  };
}

/** The vector index `current()` names now. */
export function vectorFacade(
  dimensions: number,
  current: () => VectorIndex,
  failure: () => AppError | undefined,
): VectorIndex {
  const now = unlessFailed(current, failure);
  return {
    dimensions,
    size: () => now().size(),
    has: (id) => now().has(id),
    vector: (id) => now().vector(id),
    vectors: () => now().vectors(),
    upsert: (id, vector) => now().upsert(id, vector),
    remove: (id) => now().remove(id),
    search: (vector, k, accept) => now().search(vector, k, accept),
  };
}

/** The lexical index `current()` names now. */
export function lexicalFacade(
  current: () => LexicalIndex,
  failure: () => AppError | undefined,
): LexicalIndex {
  const now = unlessFailed(current, failure);
  return {
    upsert: (id, terms) => now().upsert(id, terms),
    remove: (id) => now().remove(id),
    size: () => now().size(),
    statistics: () => now().statistics(),
    match: (source, candidateId) => now().match(source, candidateId),
    between: (a, b) => now().between(a, b),
    query: (source) => now().query(source),
  };
}
