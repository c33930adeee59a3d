/**
 * The in-memory LexicalIndex: TF-IDF cosine over the analysed terms, with document frequencies
 * kept up to date on every upsert and remove. Weight of a term = (1 + ln tf) * idf, idf =
 * ln((N + 1) / (df + 0.5)); the cosine is 0..1 by construction and does not depend on length.
 * A small inverted index over each article's heaviest terms finds same-story candidates.
 * Compact by design: stems are interned to integer ids, each article is a sorted run of ids and
 * frequencies (doc-arena.ts), and a comparison merges two sorted id runs.
 */
import type { TermWeights } from '../store/article-store.js';
import { createDocArena } from './doc-arena.js';
import type { LexicalIndex, LexicalQuery } from './lexical-index.js';
import { createLexicalQuery, type Weigh } from './lexical-query.js';
import { createTermPostings, POSTED_TERMS, type SeedTerm } from './term-postings.js';
import { createVocabulary } from './term-vocabulary.js';

/** Norm caches are dropped when the collection has changed by this share since they were made. */
const NORM_DRIFT = 0.02;

/** Creates an empty lexical index. */
export function createLexicalIndex(): LexicalIndex {
  const vocabulary = createVocabulary();
  const arena = createDocArena();
  const docOf = new Map<string, number>();
  const idOf: Array<string | undefined> = [];
  const freeDocs: number[] = [];
  const postings = createTermPostings((doc) => idOf[doc] ?? '');
  let norms = new Float64Array(1024).fill(Number.NaN);
  let normsAtSize = 0;

  const weigh: Weigh = (termId, tf) =>
    tf > 0
      ? (1 + Math.log(tf)) * Math.log((docOf.size + 1) / ((vocabulary.df[termId] ?? 0) + 0.5))
      : 0;

  const normOf = (doc: number): number => {
    if (Math.abs(docOf.size - normsAtSize) > NORM_DRIFT * Math.max(1, normsAtSize)) {
      norms.fill(Number.NaN);
      normsAtSize = docOf.size;
    }
    let norm = norms[doc] as number;
    if (Number.isNaN(norm)) {
      norm = 0;
      const terms = arena.view(doc);
      for (let i = terms?.start ?? 0; terms && i < terms.end; i += 1) {
        const w = weigh(terms.ids[i] as number, terms.tfs[i] as number);
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      norms[doc] = norm;
    }
    return norm;
  };

  const postedOf = (doc: number): number[] => {
    const terms = arena.view(doc);
    return terms ? heaviest(terms.ids, terms.tfs, terms.start, terms.end, vocabulary.terms) : [];
  };

  const remove = (id: string): void => {
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
    weigh,
    docOf: (id: string) => docOf.get(id),
    view: (doc: number) => arena.view(doc),
    normOf,
    termOf: (termId: number) => vocabulary.terms[termId] ?? '',
    candidates: (seeds: readonly SeedTerm[], limit: number) =>
      postings.candidates(seeds, docOf.size, limit).map((doc) => idOf[doc] ?? ''),
  };

  const query = (source: TermWeights): LexicalQuery => {
    const entries = Object.entries(source);
    const ids = new Int32Array(entries.length);
    const tfs = new Float64Array(entries.length);
    entries.forEach(([term, tf], i) => {
      ids[i] = vocabulary.idOf(term) ?? -1;
      tfs[i] = tf;
    });
    return createLexicalQuery(context, ids, tfs);
  };

  return {
    upsert(id, terms) {
      remove(id);
      const doc = newDoc(id);
      const { ids, tfs, count } = vocabulary.internSorted(terms);
      arena.put(doc, ids, tfs, count);
      for (const termId of postedOf(doc)) {
        postings.add(termId, doc);
      }
    },
    remove,
    size: () => docOf.size,
    match: (source, candidateId) => query(source).match(candidateId),
    between(idA, idB) {
      const doc = docOf.get(idA);
      const terms = doc === undefined ? undefined : arena.view(doc);
      if (!terms) {
        return 0;
      }
      const ids = terms.ids.slice(terms.start, terms.end);
      const tfs = Float64Array.from(terms.tfs.subarray(terms.start, terms.end));
      return createLexicalQuery(context, ids, tfs).match(idB).similarity;
    },
    query,
  };
}

/** Scratch for `heaviest` (a document's frequencies, sorted). */
let sortScratch = new Float64Array(512);

/** The POSTED_TERMS heaviest terms (ties: the term that sorts first), as term ids. */
function heaviest(
  ids: Int32Array,
  tfs: Float32Array | Float64Array,
  start: number,
  end: number,
  terms: readonly string[],
): number[] {
  const count = end - start;
  if (count <= POSTED_TERMS) {
    return Array.from(ids.subarray(start, end));
  }
  if (sortScratch.length < count) {
    sortScratch = new Float64Array(count * 2);
  }
  const sorted = sortScratch.subarray(0, count);
  sorted.set(tfs.subarray(start, end));
  const threshold = sorted.sort()[count - POSTED_TERMS] as number;
  const above: number[] = [];
  const tied: number[] = [];
  for (let i = start; i < end; i += 1) {
    const tf = tfs[i] as number;
    if (tf > threshold) {
      above.push(ids[i] as number);
    } else if (tf === threshold) {
      tied.push(ids[i] as number);
    }
  }
  tied.sort((a, b) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1));
  return above.concat(tied.slice(0, POSTED_TERMS - above.length));
}
