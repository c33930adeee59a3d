/**
 * Interned stems for the lexical index: each stem gets a small integer id once, and the
 * document frequency of every id lives in one Int32Array, so documents and postings hold
 * numbers instead of strings.
 */

import { grownFloats, grownInts } from './grow.js';
import type { TermList } from './terms-text.js';

/** Stem <-> id, and document frequency by id. */
export interface Vocabulary {
  /** Document frequency by term id. */
  df: Int32Array;
  readonly terms: string[];
  idOf(term: string): number | undefined;
  /**
   * Interns the terms of one document (counting it in df): ids ascending with their tfs. New
   * stems get ids in the list's order.
   */
  internList(list: TermList): { ids: Int32Array; tfs: Float64Array; count: number };
}

/** Creates a vocabulary, empty or holding `terms` (id = position) with their `df`. */
export function createVocabulary(from?: { terms: string[]; df: Int32Array }): Vocabulary {
  const ids = new Map<string, number>();
  from?.terms.forEach((term, id) => {
    ids.set(term, id);
  });
  // Scratch reused by every upsert: the document's ids, and its frequencies by term id.
  let scratchIds: Int32Array = new Int32Array(1024);
  let tfById: Float64Array = new Float64Array(Math.max(4096, from?.terms.length ?? 0));
  let seen: Int32Array = new Int32Array(tfById.length);
  let stamp = 0;
  const vocabulary: Vocabulary = {
    df: from?.df ?? new Int32Array(4096),
    terms: from?.terms ?? [],
    idOf: (term) => ids.get(term),
    internList({ terms, weights }) {
      // The document's marker in `seen` tells a stem listed twice (the last weight counts).
      stamp += 1;
      let count = 0;
      for (let i = 0; i < terms.length; i += 1) {
        const term = terms[i] as string;
        let id = ids.get(term);
        if (id === undefined) {
          id = vocabulary.terms.push(term) - 1;
          ids.set(term, id);
          tfById = grownFloats(tfById, id + 1);
          seen = grownInts(seen, id + 1);
        }
        tfById[id] = weights[i] as number;
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          scratchIds = grownInts(scratchIds, count + 1);
          scratchIds[count] = id;
          count += 1;
        }
      }
      const sorted = scratchIds.subarray(0, count).sort();
      const tfs = new Float64Array(count);
      vocabulary.df = grownInts(vocabulary.df, vocabulary.terms.length);
      for (let i = 0; i < count; i += 1) {
        const id = sorted[i] as number;
        tfs[i] = tfById[id] as number;
        vocabulary.df[id] = (vocabulary.df[id] as number) + 1;
      }
      return { ids: sorted, tfs, count };
    },
  };
  return vocabulary;
}
