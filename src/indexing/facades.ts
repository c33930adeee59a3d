/**
 * The indexes as the rest of the service sees them: always the current one (a rebuild swaps a
 * new index in under the same object, of the new model's dimensions when the store's model
 * changed), answering from memory.
 */
import type { LexicalIndex } from '../lexical/lexical-index.js';
import type { VectorIndex } from '../vector-index/vector-index.js';

/** The vector index `current()` names now. */
export function vectorFacade(dimensions: () => number, now: () => VectorIndex): VectorIndex {
  return {
    get dimensions() {
      return dimensions();
    },
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
export function lexicalFacade(now: () => LexicalIndex): LexicalIndex {
  return {
    upsert: (id, terms) => now().upsert(id, terms),
    remove: (id) => now().remove(id),
    size: () => now().size(),
    statistics: (refresh) => now().statistics(refresh),
    match: (source, candidateId) => now().match(source, candidateId),
    between: (a, b) => now().between(a, b),
    query: (source) => now().query(source),
  };
}
