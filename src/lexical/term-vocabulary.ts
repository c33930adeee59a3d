/**
 * Interned stems for the lexical index: each stem gets a small integer id once, and the
 * document frequency of every id lives in one Int32Array, so documents and postings hold
 * numbers instead of strings.
 */

import { grownFloats, grownInts } from './grow.js';
import { createTermSpanTable } from './term-span-table.js';
import type { TermList, TermSpans } from './terms-text.js';

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
  internList(list: TermList): Interned;
  /** As `internList`, for the terms of stored text at `spans` (see `scanTermSpans`). */
  internSpans(text: string, spans: TermSpans): Interned;
}

/** A document's term ids ascending (a view of scratch: valid until the next call), with tfs. */
export interface Interned {
  readonly ids: Int32Array;
  readonly tfs: Float64Array;
  readonly count: number;
}

/** Creates a vocabulary, empty or holding `terms` (id = position) with their `df`. */
export function createVocabulary(from?: { terms: string[]; df: Int32Array }): Vocabulary {
  const terms = from?.terms ?? [];
  const ids = new Map<string, number>();
  const table = createTermSpanTable((id) => terms[id] as string);
  terms.forEach((term, id) => {
    ids.set(term, id);
    table.add(term, id);
  });
  // Scratch reused by every upsert: the document's ids, and its frequencies by term id; the
  // document's marker in `seen` tells a stem listed twice (the last weight counts).
  let scratchIds: Int32Array = new Int32Array(1024);
  let tfById: Float64Array = new Float64Array(Math.max(4096, terms.length));
  let seen: Int32Array = new Int32Array(tfById.length);
  let stamp = 0;
  let count = 0;
  const addTerm = (term: string): number => {
    const id = terms.push(term) - 1;
    ids.set(term, id);
    table.add(term, id);
    tfById = grownFloats(tfById, id + 1);
    seen = grownInts(seen, id + 1);
    return id;
  };
  const note = (id: number, weight: number) => {
    tfById[id] = weight;
    if (seen[id] !== stamp) {
      seen[id] = stamp;
      scratchIds = grownInts(scratchIds, count + 1);
      scratchIds[count] = id;
      count += 1;
    }
  };
  const interned = () => {
    const sorted = scratchIds.subarray(0, count).sort();
    const tfs = new Float64Array(count);
    vocabulary.df = grownInts(vocabulary.df, terms.length);
    for (let i = 0; i < count; i += 1) {
      const id = sorted[i] as number;
      tfs[i] = tfById[id] as number;
      vocabulary.df[id] = (vocabulary.df[id] as number) + 1;
    }
    return { ids: sorted, tfs, count };
  };
  const vocabulary: Vocabulary = {
    df: from?.df ?? new Int32Array(4096),
    terms,
    idOf: (term) => ids.get(term),
    internList(list) {
      stamp += 1;
      count = 0;
      for (let i = 0; i < list.terms.length; i += 1) {
        const term = list.terms[i] as string;
        note(ids.get(term) ?? addTerm(term), list.weights[i] as number);
      }
      return interned();
    },
    internSpans(text, spans) {
      stamp += 1;
      count = 0;
      for (let i = 0; i < spans.count; i += 1) {
        const from = spans.starts[i] as number;
        const to = spans.ends[i] as number;
        const id = table.find(text, from, to);
        note(id === -1 ? addTerm(text.slice(from, to)) : id, spans.weights[i] as number);
      }
      return interned();
    },
  };
  return vocabulary;
}
