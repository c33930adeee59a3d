/**
 * The archive as the model trainer sees it: every article's content words through the lexical
 * analysis (in the article's stored language), counted per document with the title counted
 * twice, plus how often each raw token stood for its stem (for the vocabulary of word forms).
 * Documents and stems are numbered in the order met; the trainer puts them in id and stem order,
 * so that the same archive gives the same bytes whatever order the store yields it in.
 */
import type { Article } from '../articles/article.js';
import { contentWords } from '../lexical/analyze.js';
import { grownFloats, grownInts } from '../lexical/grow.js';

/** How often one raw token (case kept) was met, and the stem it stands for. */
export interface RawTally {
  readonly stem: number;
  count: number;
}

/** Term counts of every document (compressed rows: `start[d]..start[d+1]`). */
export interface ArchiveCorpus {
  readonly documents: number;
  /** Article id of each document. */
  readonly ids: readonly string[];
  /** Stem of each stem id. */
  readonly stems: readonly string[];
  /** Documents holding each stem id. */
  readonly documentFrequency: Int32Array;
  readonly start: Int32Array;
  readonly stemIds: Int32Array;
  readonly counts: Float64Array;
  /** Raw tokens by language: each token's stem id and occurrences. */
  readonly raw: ReadonlyMap<string, ReadonlyMap<string, RawTally>>;
  /** Articles per language. */
  readonly languages: Readonly<Record<string, number>>;
}

/** Weight of a title occurrence: the title counts twice. */
export const TITLE_COUNT = 2;

/** Scans `articles` once. */
export function scanCorpus(articles: Iterable<Article>): ArchiveCorpus {
  const stems: string[] = [];
  const stemIndex = new Map<string, number>();
  const raw = new Map<string, Map<string, RawTally>>();
  const languages: Record<string, number> = {};
  let df: Int32Array = new Int32Array(1024);
  let lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  let docCount: Float64Array = new Float64Array(1024);
  let stemIds: Int32Array = new Int32Array(1 << 16);
  let counts: Float64Array = new Float64Array(1 << 16);
  let nnz = 0;
  const start: number[] = [0];
  const ids: string[] = [];
  let doc = 0;
  const tallyOf = (tokens: Map<string, RawTally>, token: string, stem: string): RawTally => {
    let id = stemIndex.get(stem);
    if (id === undefined) {
      id = stems.length;
      stems.push(stem);
      stemIndex.set(stem, id);
      df = grownInts(df, id + 1);
      docCount = grownFloats(docCount, id + 1);
      const grown = grownInts(lastDoc, id + 1);
      if (grown !== lastDoc) {
        grown.fill(-1, lastDoc.length);
        lastDoc = grown;
      }
    }
    const tally = { stem: id, count: 0 };
    tokens.set(token, tally);
    return tally;
  };
  const touched: number[] = [];
  for (const article of articles) {
    const language = article.language;
    ids.push(article.id);
    languages[language] = (languages[language] ?? 0) + 1;
    let tokens = raw.get(language);
    if (tokens === undefined) {
      tokens = new Map();
      raw.set(language, tokens);
    }
    const known = tokens;
    const count = (weight: number) => (token: string, stem: string) => {
      const tally = known.get(token) ?? tallyOf(known, token, stem);
      tally.count += 1;
      const id = tally.stem;
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        docCount[id] = 0;
        touched.push(id);
      }
      docCount[id] = (docCount[id] as number) + weight;
    };
    contentWords(article.title, language, count(TITLE_COUNT));
    contentWords(article.body, language, count(1));
    stemIds = grownInts(stemIds, nnz + touched.length);
    counts = grownFloats(counts, nnz + touched.length);
    for (const id of touched) {
      stemIds[nnz] = id;
      counts[nnz] = docCount[id] as number;
      df[id] = (df[id] as number) + 1;
      nnz += 1;
    }
    touched.length = 0;
    start.push(nnz);
    doc += 1;
  }
  return {
    documents: doc,
    ids,
    stems,
    documentFrequency: df.slice(0, stems.length),
    start: Int32Array.from(start),
    stemIds: stemIds.subarray(0, nnz),
    counts: counts.subarray(0, nnz),
    raw,
    languages: Object.fromEntries(Object.entries(languages).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
