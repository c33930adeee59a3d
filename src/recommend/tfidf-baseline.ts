/**
 * The classic idea every quality figure stands beside: plain TF-IDF cosine between articles
 * (title counted twice, weight (1 + ln tf) * ln((N + 1) / (df + 0.5)), the analyser's stems and
 * stopwords), no threshold, no embedding, lists always full. `morelike eval --baseline tfidf`
 * scores it on the same corpus in the same run.
 */
import type { ArticleFields } from '../articles/article.js';
import { embeddingInput } from '../articles/embedding-text.js';
import { stemsOf } from '../lexical/analyze.js';
import { type EvalCase, type EvalMetrics, evaluateLists } from './evaluate.js';

/**
 * The baseline's metrics for the labelled articles of `labels`, every stored article (labelled
 * or not, e.g. a background archive) a candidate, analysed in its stored language.
 */
export function baselineMetrics(
  articles: Iterable<ArticleFields & { readonly id: string }>,
  labels: ReadonlyMap<string, readonly string[]>,
  k: number,
): EvalMetrics {
  const documents: BaselineDocument[] = [];
  for (const article of articles) {
    const { title, body, language } = embeddingInput(article);
    documents.push({
      id: article.id,
      titleStems: stemsOf(title, language),
      bodyStems: stemsOf(body, language),
    });
  }
  const lists = tfidfLists(documents, k).filter((list) => labels.has(list.id));
  return evaluateLists(lists, labels, k);
}

/** One article as the baseline sees it: its id and the stems of its title and body. */
export interface BaselineDocument {
  readonly id: string;
  readonly titleStems: readonly string[];
  readonly bodyStems: readonly string[];
}

/** Top-`k` lists by plain TF-IDF cosine for every document (ties by id). */
export function tfidfLists(documents: readonly BaselineDocument[], k: number): EvalCase[] {
  const counts = documents.map(termCounts);
  const df = new Map<string, number>();
  for (const terms of counts) {
    for (const term of terms.keys()) {
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const n = documents.length;
  const vectors = counts.map((terms) => unitVector(terms, df, n));
  const postings = new Map<string, [number, number][]>();
  vectors.forEach((vector, doc) => {
    for (const [term, weight] of vector) {
      const list = postings.get(term) ?? [];
      list.push([doc, weight]);
      postings.set(term, list);
    }
  });
  return documents.map((document, doc) => {
    const scores = new Map<number, number>();
    for (const [term, weight] of vectors[doc] ?? []) {
      for (const [other, otherWeight] of postings.get(term) ?? []) {
        if (other !== doc) {
          scores.set(other, (scores.get(other) ?? 0) + weight * otherWeight);
        }
      }
    }
    const ranked = [...scores]
      .map(([other, score]) => ({ id: documents[other]?.id ?? '', score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return { id: document.id, shown: ranked.slice(0, k).map((r) => r.id) };
  });
}

function termCounts(document: BaselineDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stem of [...document.titleStems, ...document.titleStems, ...document.bodyStems]) {
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return counts;
}

function unitVector(
  counts: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  n: number,
): [string, number][] {
  const weights = [...counts].map(([term, tf]): [string, number] => [
    term,
    (1 + Math.log(tf)) * Math.log((n + 1) / ((df.get(term) ?? 0) + 0.5)),
  ]);
  let squares = 0;
  for (const [, w] of weights) {
    squares += w * w;
  }
  const norm = Math.sqrt(squares);
  return norm === 0 ? [] : weights.map(([term, w]) => [term, w / norm]);
}
