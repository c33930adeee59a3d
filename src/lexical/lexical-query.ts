/**
 * One source prepared for many lexical comparisons: its TF-IDF weights sorted by term id, so a
 * comparison with a stored article is a merge of two sorted id runs, and the shared terms that
 * contribute most are kept on the fly (no map lookups, no full sort).
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
  return {
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
