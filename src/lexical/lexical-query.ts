/**
 * One source prepared for many lexical comparisons: its TF-IDF weights sorted by term id, so a
 * comparison with a stored article is a merge of two sorted id runs, and the shared terms that
 * contribute most are kept on the fly (no map lookups, no full sort). The similarity alone (the
 * ranking's question for every candidate) reads the source's weights from a dense table by term
 * id instead, summing the same products in the same (ascending term id) order: the same double.
 */
import type { DocTerms } from './doc-arena.js';
import type { LexicalQuery } from './lexical-index.js';
import type { SeedTerm } from './term-postings.js';
import type { TermWeigher } from './term-weight.js';

/** Shared terms returned with a match. */
const SHARED_TERMS = 8;

/** What a query reads from its index. */
export interface QueryContext {
  readonly weigher: TermWeigher;
  docOf(id: string): number | undefined;
  view(doc: number): DocTerms | undefined;
  /** The (cached) TF-IDF norm of a stored document. */
  normOf(doc: number): number;
  termOf(termId: number): string;
  candidates(seeds: readonly SeedTerm[], limit: number): string[];
}

/**
 * Prepares a source given as term ids (-1: a term no stored article has) and frequencies, in the
 * source's own term order (which breaks ties between equally weighted seed terms).
 */
export function createLexicalQuery(
  context: QueryContext,
  termIds: Int32Array,
  tfs: Float64Array,
): LexicalQuery {
  const weights: number[] = [];
  const seeds: SeedTerm[] = [];
  for (let i = 0; i < termIds.length; i += 1) {
    const termId = termIds[i] as number;
    // A term no stored article has (-1) weighs with df 0.
    const weight = context.weigher.weigh(termId, tfs[i] as number);
    if (weight > 0) {
      weights.push(weight);
      if (termId >= 0) {
        seeds.push({ termId, weight });
      }
    }
  }
  const sourceNorm = Math.hypot(...weights);
  const byId = [...seeds].sort((a, b) => a.termId - b.termId);
  const ids = Int32Array.from(byId, (seed) => seed.termId);
  const values = Float64Array.from(byId, (seed) => seed.weight);
  const top = createTopShared(context.termOf);
  const dense = denseWeights(ids, values);
  return {
    similarity(candidateId) {
      const doc = context.docOf(candidateId);
      const terms = doc === undefined ? undefined : context.view(doc);
      if (doc === undefined || !terms || sourceNorm === 0) {
        return 0;
      }
      const candidateNorm = context.normOf(doc);
      if (candidateNorm === 0) {
        return 0;
      }
      const dot = denseDot(dense(), terms, context.weigher);
      return Math.min(1, Math.max(0, dot / (sourceNorm * candidateNorm)));
    },
    match(candidateId) {
      const doc = context.docOf(candidateId);
      const terms = doc === undefined ? undefined : context.view(doc);
      if (doc === undefined || !terms || sourceNorm === 0) {
        return { similarity: 0, sharedTerms: [] };
      }
      const candidateNorm = context.normOf(doc);
      if (candidateNorm === 0) {
        return { similarity: 0, sharedTerms: [] };
      }
      const dot = mergeDot(ids, values, terms, context.weigher, top);
      return {
        similarity: Math.min(1, Math.max(0, dot / (sourceNorm * candidateNorm))),
        sharedTerms: top.take(),
      };
    },
    candidates: (limit) => context.candidates(seeds, limit),
  };
}

/**
 * One table shared by all queries: `weights[t]` is the source weight of term t where
 * `stamps[t]` is the owning query's token. A query re-installs its weights when another query
 * used the table since (a few hundred writes), so any number of queries can be alive at once.
 */
const table = { stamps: new Int32Array(4096), weights: new Float64Array(4096), owner: 0 };
let lastToken = 0;

interface Dense {
  readonly stamps: Int32Array;
  readonly weights: Float64Array;
  readonly token: number;
}

/** A function giving the shared table holding these weights (installing them when needed). */
function denseWeights(ids: Int32Array, values: Float64Array): () => Dense {
  lastToken = (lastToken + 1) | 0 || 1;
  const token = lastToken;
  const maxId = ids.length > 0 ? (ids[ids.length - 1] as number) : 0;
  return () => {
    if (table.owner !== token) {
      if (maxId >= table.stamps.length) {
        const size = Math.max(maxId + 1, table.stamps.length * 2);
        table.stamps = new Int32Array(size);
        table.weights = new Float64Array(size);
      }
      for (let i = 0; i < ids.length; i += 1) {
        const termId = ids[i] as number;
        table.stamps[termId] = token;
        table.weights[termId] = values[i] as number;
      }
      table.owner = token;
    }
    return { stamps: table.stamps, weights: table.weights, token };
  };
}

/** The dot product of the source (dense) with a stored document, in ascending term id order. */
function denseDot(dense: Dense, terms: DocTerms, weigher: TermWeigher): number {
  const { stamps, weights, token } = dense;
  const limit = stamps.length;
  const docIds = terms.ids;
  let dot = 0;
  for (let j = terms.start; j < terms.end; j += 1) {
    const termId = docIds[j] as number;
    if (termId < limit && stamps[termId] === token) {
      dot += (weights[termId] as number) * weigher.weighAt(terms, j);
    }
  }
  return dot;
}

function mergeDot(
  ids: Int32Array,
  values: Float64Array,
  terms: DocTerms,
  weigher: TermWeigher,
  top: TopShared,
): number {
  const docIds = terms.ids;
  let dot = 0;
  let i = 0;
  let j = terms.start;
  while (i < ids.length && j < terms.end) {
    const a = ids[i] as number;
    const b = docIds[j] as number;
    if (a < b) {
      i += 1;
    } else if (a > b) {
      j += 1;
    } else {
      const product = (values[i] as number) * weigher.weighAt(terms, j);
      dot += product;
      top.offer(b, product);
      i += 1;
      j += 1;
    }
  }
  return dot;
}

interface TopShared {
  offer(termId: number, product: number): void;
  /** The kept terms, best first, and a reset for the next comparison. */
  take(): string[];
}

/** Keeps the SHARED_TERMS best (product descending, then term ascending) of the offers. */
function createTopShared(termOf: (termId: number) => string): TopShared {
  const termIds = new Int32Array(SHARED_TERMS);
  const products = new Float64Array(SHARED_TERMS);
  let kept = 0;
  const before = (termA: number, productA: number, at: number): boolean => {
    const productB = products[at] as number;
    return (
      productA > productB ||
      (productA === productB && termOf(termA) < termOf(termIds[at] as number))
    );
  };
  return {
    offer(termId, product) {
      if (kept === SHARED_TERMS && !before(termId, product, SHARED_TERMS - 1)) {
        return;
      }
      let at = Math.min(kept, SHARED_TERMS - 1);
      while (at > 0 && before(termId, product, at - 1)) {
        termIds[at] = termIds[at - 1] as number;
        products[at] = products[at - 1] as number;
        at -= 1;
      }
      termIds[at] = termId;
      products[at] = product;
      kept = Math.min(kept + 1, SHARED_TERMS);
    },
    take() {
      const terms = Array.from(termIds.subarray(0, kept), termOf);
      kept = 0;
      return terms;
    },
  };
}
