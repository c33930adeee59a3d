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

/** Stem ids, their document frequencies, and the counts of the document being scanned. */
function createStemCounter() {
  const stems: string[] = [];
  const index = new Map<string, number>();
  let df: Int32Array = new Int32Array(1024);
  let lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  let docCount: Float64Array = new Float64Array(1024);
  const touched: number[] = [];
  return {
    stems,
    idOf(stem: string): number {
      let id = index.get(stem);
      if (id === undefined) {
        id = stems.length;
        stems.push(stem);
        index.set(stem, id);
        df = grownInts(df, id + 1);
        docCount = grownFloats(docCount, id + 1);
        const grown = grownInts(lastDoc, id + 1);
        if (grown !== lastDoc) {
          grown.fill(-1, lastDoc.length);
          lastDoc = grown;
        }
      }
      return id;
    },
    add(id: number, doc: number, weight: number): void {
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        docCount[id] = 0;
        touched.push(id);
      }
      docCount[id] = (docCount[id] as number) + weight;
    },
    /** Hands over the document's (stem id, count) pairs in order met, and counts its stems. */
    endDocument(emit: (id: number, count: number) => void): void {
      for (const id of touched) {
        emit(id, docCount[id] as number);
        df[id] = (df[id] as number) + 1;
      }
      touched.length = 0;
    },
    documentFrequency: () => df.slice(0, stems.length),
  };
}

/** The growing (stem id, count) entries of every document, one after the other. */
function createEntries() {
  let stemIds: Int32Array = new Int32Array(1 << 16);
  let counts: Float64Array = new Float64Array(1 << 16);
  let length = 0;
  return {
    push(id: number, count: number): void {
      stemIds = grownInts(stemIds, length + 1);
      counts = grownFloats(counts, length + 1);
      stemIds[length] = id;
      counts[length] = count;
      length += 1;
    },
    length: () => length,
    stemIds: () => stemIds.subarray(0, length),
    counts: () => counts.subarray(0, length),
  };
}

/** Scans `articles` once (the store's rows as they stream in). */
export async function scanCorpus(
  articles: Iterable<Article> | AsyncIterable<Article>,
): Promise<ArchiveCorpus> {
  const counter = createStemCounter();
  const entries = createEntries();
  const raw = new Map<string, Map<string, RawTally>>();
  const languages: Record<string, number> = {};
  const start: number[] = [0];
  const ids: string[] = [];
  for await (const article of articles) {
    const doc = ids.length;
    // Stored articles always have one (given or detected at ingest); older ones were English.
    const language = article.language ?? 'en';
    ids.push(article.id);
    languages[language] = (languages[language] ?? 0) + 1;
    const known = raw.get(language) ?? new Map<string, RawTally>();
    raw.set(language, known);
    const count = (weight: number) => (token: string, stem: string) => {
      let tally = known.get(token);
      if (tally === undefined) {
        tally = { stem: counter.idOf(stem), count: 0 };
        known.set(token, tally);
      }
      tally.count += 1;
      counter.add(tally.stem, doc, weight);
    };
    contentWords(article.title, language, count(TITLE_COUNT));
    contentWords(article.body, language, count(1));
    counter.endDocument(entries.push);
    start.push(entries.length());
  }
  return {
    documents: ids.length,
    ids,
    stems: counter.stems,
    documentFrequency: counter.documentFrequency(),
    start: Int32Array.from(start),
    stemIds: entries.stemIds(),
    counts: entries.counts(),
    raw,
    languages: Object.fromEntries(Object.entries(languages).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
