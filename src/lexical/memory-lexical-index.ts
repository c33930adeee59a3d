/**
 * The in-memory LexicalIndex: TF-IDF cosine over the analysed terms, with document frequencies
 * kept up to date on every upsert and remove. Weight of a term = (1 + ln tf) * idf, idf =
 * ln((N + 1) / (df + 0.5)); the cosine is 0..1 by construction and does not depend on length.
 * A small inverted index over each article's heaviest terms finds same-story candidates.
 */
import type { TermWeights } from '../store/article-store.js';
import type { LexicalIndex, LexicalMatch, LexicalQuery } from './lexical-index.js';

/** Heaviest terms of each article that enter the inverted index (title terms and names first). */
const POSTED_TERMS = 60;
/** Source terms that seed lexical candidates: its most distinctive ones. */
const SEED_TERMS = 20;
/** Seed terms posted in more than this share of articles are too common to find the same story. */
const SEED_MAX_SHARE = 0.05;
/** Shared terms returned with a match. */
const SHARED_TERMS = 8;
/** Norm caches are dropped when the collection has changed by this share since they were made. */
const NORM_DRIFT = 0.02;

/** Creates an empty lexical index. */
export function createLexicalIndex(): LexicalIndex {
  const docs = new Map<string, TermWeights>();
  const df = new Map<string, number>();
  const postings = new Map<string, Set<string>>();
  const norms = new Map<string, number>();
  let normsAtSize = 0;

  const idf = (term: string) => Math.log((docs.size + 1) / ((df.get(term) ?? 0) + 0.5));
  const weight = (term: string, tf: number) => (tf > 0 ? (1 + Math.log(tf)) * idf(term) : 0);

  const normOf = (id: string, terms: TermWeights): number => {
    if (Math.abs(docs.size - normsAtSize) > NORM_DRIFT * Math.max(1, normsAtSize)) {
      norms.clear();
      normsAtSize = docs.size;
    }
    let norm = norms.get(id);
    if (norm === undefined) {
      norm = vectorNorm(terms, weight);
      norms.set(id, norm);
    }
    return norm;
  };

  const remove = (id: string): void => {
    const terms = docs.get(id);
    if (!terms) {
      return;
    }
    for (const term of Object.keys(terms)) {
      const count = (df.get(term) ?? 1) - 1;
      count > 0 ? df.set(term, count) : df.delete(term);
    }
    for (const term of postedTerms(terms)) {
      const ids = postings.get(term);
      ids?.delete(id);
      if (ids?.size === 0) {
        postings.delete(term);
      }
    }
    docs.delete(id);
    norms.delete(id);
  };

  const query = (source: TermWeights): LexicalQuery => {
    const sourceWeights = new Map<string, number>();
    for (const [term, tf] of Object.entries(source)) {
      const w = weight(term, tf);
      if (w > 0) {
        sourceWeights.set(term, w);
      }
    }
    const sourceNorm = Math.hypot(...sourceWeights.values());
    return {
      match(candidateId) {
        const terms = docs.get(candidateId);
        if (!terms || sourceNorm === 0) {
          return { similarity: 0, sharedTerms: [] };
        }
        return compare(sourceWeights, sourceNorm, terms, normOf(candidateId, terms), weight);
      },
      candidates(limit) {
        return seedCandidates(sourceWeights, postings, docs.size, limit);
      },
    };
  };

  return {
    upsert(id, terms) {
      remove(id);
      docs.set(id, terms);
      for (const term of Object.keys(terms)) {
        df.set(term, (df.get(term) ?? 0) + 1);
      }
      for (const term of postedTerms(terms)) {
        const ids = postings.get(term) ?? new Set<string>();
        ids.add(id);
        postings.set(term, ids);
      }
    },
    remove,
    size: () => docs.size,
    match: (source, candidateId) => query(source).match(candidateId),
    between(idA, idB) {
      const terms = docs.get(idA);
      return terms ? query(terms).match(idB).similarity : 0;
    },
    query,
  };
}

function postedTerms(terms: TermWeights): string[] {
  return Object.entries(terms)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, POSTED_TERMS)
    .map(([term]) => term);
}

function vectorNorm(terms: TermWeights, weight: (term: string, tf: number) => number): number {
  let sum = 0;
  for (const [term, tf] of Object.entries(terms)) {
    const w = weight(term, tf);
    sum += w * w;
  }
  return Math.sqrt(sum);
}

function compare(
  sourceWeights: ReadonlyMap<string, number>,
  sourceNorm: number,
  terms: TermWeights,
  candidateNorm: number,
  weight: (term: string, tf: number) => number,
): LexicalMatch {
  if (candidateNorm === 0) {
    return { similarity: 0, sharedTerms: [] };
  }
  const shared: Array<[string, number]> = [];
  let dot = 0;
  for (const [term, tf] of Object.entries(terms)) {
    const ws = sourceWeights.get(term);
    if (ws !== undefined) {
      const product = ws * weight(term, tf);
      dot += product;
      shared.push([term, product]);
    }
  }
  shared.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    similarity: Math.min(1, Math.max(0, dot / (sourceNorm * candidateNorm))),
    sharedTerms: shared.slice(0, SHARED_TERMS).map(([term]) => term),
  };
}

function seedCandidates(
  sourceWeights: ReadonlyMap<string, number>,
  postings: ReadonlyMap<string, ReadonlySet<string>>,
  docCount: number,
  limit: number,
): string[] {
  const maxPostings = Math.max(50, SEED_MAX_SHARE * docCount);
  const seeds = [...sourceWeights.entries()]
    .filter(([term]) => (postings.get(term)?.size ?? maxPostings + 1) <= maxPostings)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SEED_TERMS);
  const votes = new Map<string, number>();
  for (const [term, w] of seeds) {
    for (const id of postings.get(term) ?? []) {
      votes.set(id, (votes.get(id) ?? 0) + w);
    }
  }
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, Math.max(0, limit))
    .map(([id]) => id);
}
