/**
 * TF-IDF weights without recomputing logarithms: idf = ln((N + 1) / (df + 0.5)) is cached per
 * term id until the collection changes (a version stamp per term), and (1 + ln tf) is tabulated
 * for the frequency codes of doc-arena.ts (tf = code / 2). Both give the very doubles that the
 * formula computed inline gives, so cached and uncached weights agree bit for bit.
 */
import type { DocTerms } from './doc-arena.js';
import { grownFloats, grownInts } from './grow.js';

/** (1 + ln(code / 2)) by frequency code; 0 for code 0 (a zero frequency weighs nothing). */
const TF_WEIGHT = Float64Array.from({ length: 256 }, (_, code) =>
  code > 0 ? 1 + Math.log(code / 2) : 0,
);

/** Term weights under the current document count and frequencies. */
export interface TermWeigher {
  /** idf of a term id (-1: a term no stored article has, weighed with df 0). */
  idf(termId: number): number;
  /** TF-IDF weight of a term id with frequency `tf`. */
  weigh(termId: number, tf: number): number;
  /** TF-IDF weight of entry `i` of a stored document. */
  weighAt(terms: DocTerms, i: number): number;
  /** Forgets every cached idf: call after any change of the document count or a df. */
  invalidate(): void;
}

/** A weigher reading the document count and the df array (which may be replaced) live. */
export function createTermWeigher(docCount: () => number, df: () => Int32Array): TermWeigher {
  let version = 1;
  let stamps: Int32Array = new Int32Array(4096);
  let cached: Float64Array = new Float64Array(4096);

  const idf = (termId: number): number => {
    if (termId < 0) {
      return Math.log((docCount() + 1) / 0.5);
    }
    if (termId >= stamps.length) {
      stamps = grownInts(stamps, termId + 1);
      cached = grownFloats(cached, termId + 1);
    }
    if (stamps[termId] === version) {
      return cached[termId] as number;
    }
    const value = Math.log((docCount() + 1) / ((df()[termId] ?? 0) + 0.5));
    cached[termId] = value;
    stamps[termId] = version;
    return value;
  };

  return {
    idf,
    weigh: (termId, tf) => (tf > 0 ? (1 + Math.log(tf)) * idf(termId) : 0),
    weighAt(terms, i) {
      if (terms.codes) {
        const code = terms.codes[i] as number;
        return code > 0 ? (TF_WEIGHT[code] as number) * idf(terms.ids[i] as number) : 0;
      }
      const tf = terms.wide?.[i] as number;
      return tf > 0 ? (1 + Math.log(tf)) * idf(terms.ids[i] as number) : 0;
    },
    invalidate() {
      version += 1;
    },
  };
}
