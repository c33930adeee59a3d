/**
 * The in-memory LexicalIndex: TF-IDF cosine over the analysed terms, with document frequencies
 * kept up to date on every upsert and remove. Weight of a term = (1 + ln tf) * idf, idf =
 * ln((N + 1) / (df + 0.5)); the cosine is 0..1 by construction and does not depend on length.
 * A small inverted index over each article's heaviest terms finds same-story candidates.
 * Term rarity (N and every df) is frozen between refreshes: the weights read a copy taken when
 * the collection had changed by 2% since the last one, so a write changes the lexical evidence of
 * the articles it touches and no other (the archive-wide statistics lag by at most 2%).
 * Compact by design: stems are interned to integer ids, each article is a sorted run of ids and
 * frequency codes (doc-arena.ts), and a comparison merges two sorted id runs. Its whole state
 * can be packed into typed arrays and restored from them (lexical-snapshot.ts writes them).
 */

import { createDocArena, frequencies, type PackedDocs } from './doc-arena.js';
import { heaviest } from './heaviest.js';
import type { LexicalIndex, LexicalQuery } from './lexical-index.js';
import { createLexicalQuery } from './lexical-query.js';
import { createQueryMemo } from './query-memo.js';
import { createTermPostings, type PackedPostings, type SeedTerm } from './term-postings.js';
import { createVocabulary, type Interned } from './term-vocabulary.js';
import { createTermWeigher } from './term-weight.js';
import type { TermWeights } from './term-weights.js';
import { parseTermsText, scanTermSpans, type TermList, termListOf } from './terms-text.js';

/** Statistics (and the norms made with them) are refreshed when the collection drifts this much. */
const STATS_DRIFT = 0.02;

/** Prepared queries kept for pairwise comparisons (see query-memo.ts). */
const BETWEEN_QUERIES = 512;

/** The whole state of an index as plain arrays: what a snapshot stores. */
export interface LexicalState {
  /** Stems by term id. */
  readonly terms: string[];
  /** Document frequency by term id (at least `terms.length` long). */
  readonly df: Int32Array;
  /** Article id by document number; undefined for a free number. */
  readonly docIds: ReadonlyArray<string | undefined>;
  readonly docs: PackedDocs;
  readonly postings: PackedPostings;
  /**
   * The norm cache: [0] the article count the statistics were frozen at, then the norm by
   * document number (NaN: not cached). Kept, because a restored index must answer exactly like
   * the saved one.
   */
  readonly normCache: Float64Array;
  /** The frozen document frequencies (by term id) the weights use; absent: the live ones. */
  readonly frozenDf?: Int32Array;
}

/** A LexicalIndex whose state can be packed for a snapshot. */
export interface MemoryLexicalIndex extends LexicalIndex {
  /** As `upsert`, with the terms already listed. */
  upsertList(id: string, list: TermList): void;
  /** As `upsert`, with the terms as stored (JSON text), read without parsing them as objects. */
  upsertText(id: string, text: string): void;
  /** A copy of the whole state (restore it with `createLexicalIndex(state)`). */
  pack(): LexicalState;
}

/** Creates a lexical index, empty or restored from `state` (taken over, not copied). */
export function createLexicalIndex(state?: LexicalState): MemoryLexicalIndex {
  const vocabulary = createVocabulary(state && { terms: state.terms, df: state.df });
  const arena = createDocArena(state?.docs);
  const idOf: Array<string | undefined> = state ? [...state.docIds] : [];
  const docOf = new Map<string, number>();
  const freeDocs: number[] = [];
  for (let doc = idOf.length - 1; doc >= 0; doc -= 1) {
    const id = idOf[doc];
    if (id === undefined) {
      freeDocs.push(doc);
    } else {
      docOf.set(id, doc);
    }
  }
  const postings = createTermPostings((doc) => idOf[doc] ?? '', state?.postings);
  let norms = new Float64Array(Math.max(1024, idOf.length)).fill(Number.NaN);
  norms.set(state?.normCache.subarray(1) ?? []);
  let normsAtSize = state?.normCache[0] ?? 0;
  let frozenDf = state?.frozenDf ?? vocabulary.df.slice();
  const weigher = createTermWeigher(
    () => normsAtSize,
    () => frozenDf,
  );

  /** Refreshes the frozen statistics when the collection has drifted (see the module comment). */
  const statistics = (refresh?: 'now'): number => {
    const drift = Math.abs(docOf.size - normsAtSize);
    if (drift > (refresh === 'now' ? 0 : STATS_DRIFT * Math.max(1, normsAtSize))) {
      norms.fill(Number.NaN);
      normsAtSize = docOf.size;
      frozenDf = vocabulary.df.slice();
      weigher.invalidate();
    }
    return normsAtSize;
  };

  const normOf = (doc: number): number => {
    statistics();
    let norm = norms[doc] as number;
    if (Number.isNaN(norm)) {
      norm = 0;
      const terms = arena.view(doc);
      for (let i = terms?.start ?? 0; terms && i < terms.end; i += 1) {
        const w = weigher.weighAt(terms, i);
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      norms[doc] = norm;
    }
    return norm;
  };

  const postedOf = (doc: number): number[] => {
    const terms = arena.view(doc);
    return terms ? heaviest(terms, vocabulary.terms) : [];
  };

  const betweenQueries = createQueryMemo(BETWEEN_QUERIES);

  const remove = (id: string): void => {
    betweenQueries.forget(id);
    const doc = docOf.get(id);
    if (doc === undefined) {
      return;
    }
    for (const termId of postedOf(doc)) {
      postings.delete(termId, doc);
    }
    const terms = arena.view(doc);
    for (let i = terms?.start ?? 0; terms && i < terms.end; i += 1) {
      const termId = terms.ids[i] as number;
      vocabulary.df[termId] = (vocabulary.df[termId] as number) - 1;
    }
    arena.free(doc);
    docOf.delete(id);
    idOf[doc] = undefined;
    freeDocs.push(doc);
    norms[doc] = Number.NaN;
  };

  const newDoc = (id: string): number => {
    const doc = freeDocs.pop() ?? idOf.length;
    idOf[doc] = id;
    docOf.set(id, doc);
    if (doc >= norms.length) {
      const grown = new Float64Array(norms.length * 2).fill(Number.NaN);
      grown.set(norms);
      norms = grown;
    }
    return doc;
  };

  const context = {
    weigher,
    docOf: (id: string) => docOf.get(id),
    view: (doc: number) => arena.view(doc),
    normOf,
    termOf: (termId: number) => vocabulary.terms[termId] ?? '',
    candidates: (seeds: readonly SeedTerm[], limit: number) =>
      postings.candidates(seeds, docOf.size, limit).map((doc) => idOf[doc] ?? ''),
  };

  const query = (source: TermWeights): LexicalQuery => {
    statistics();
    const entries = Object.entries(source);
    const ids = new Int32Array(entries.length);
    const tfs = new Float64Array(entries.length);
    entries.forEach(([term, tf], i) => {
      ids[i] = vocabulary.idOf(term) ?? -1;
      tfs[i] = tf;
    });
    return createLexicalQuery(context, ids, tfs);
  };

  const put = (id: string, intern: () => Interned): void => {
    remove(id);
    const doc = newDoc(id);
    const { ids, tfs, count } = intern();
    arena.put(doc, ids, tfs, count);
    for (const termId of postedOf(doc)) {
      postings.add(termId, doc);
    }
  };
  const upsertList = (id: string, list: TermList) => put(id, () => vocabulary.internList(list));

  return {
    upsert: (id, terms) => upsertList(id, termListOf(terms)),
    upsertList,
    upsertText(id, text) {
      const spans = scanTermSpans(text);
      if (spans) {
        put(id, () => vocabulary.internSpans(text, spans));
      } else {
        upsertList(id, parseTermsText(text));
      }
    },
    remove,
    size: () => docOf.size,
    statistics,
    match: (source, candidateId) => query(source).match(candidateId),
    between(idA, idB) {
      statistics();
      const doc = docOf.get(idA);
      const terms = doc === undefined ? undefined : arena.view(doc);
      if (!terms) {
        return 0;
      }
      const prepared = betweenQueries.get(idA, frozenDf, () =>
        createLexicalQuery(context, terms.ids.slice(terms.start, terms.end), frequencies(terms)),
      );
      return prepared.match(idB).similarity;
    },
    query,
    pack: () => {
      // Every norm is worked out before saving, so a restored index starts warm.
      for (const doc of docOf.values()) {
        normOf(doc);
      }
      return packState();
    },
  };
  function packState() {
    return {
      terms: [...vocabulary.terms],
      df: vocabulary.df.slice(0, vocabulary.terms.length),
      docIds: [...idOf],
      docs: arena.pack(idOf.length),
      postings: postings.pack(),
      normCache: packNorms(normsAtSize, norms.subarray(0, idOf.length)),
      frozenDf: frozenDf.slice(0, vocabulary.terms.length),
    };
  }
}

function packNorms(atSize: number, norms: Float64Array): Float64Array {
  const packed = new Float64Array(norms.length + 1);
  packed[0] = atSize;
  packed.set(norms, 1);
  return packed;
}
