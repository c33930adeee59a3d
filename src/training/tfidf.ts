/**
 * The archive's TF-IDF matrix as the model trainer builds it: the stems kept (in at least a few
 * articles), their idf as the lexical index computes it, and each article's row of unit length,
 * rows in id order and columns in stem order, so the same archive gives the same matrix.
 */
import { type BlockOps, type SparseRows, serialBlockOps } from './block-ops.js';
import type { ArchiveCorpus } from './corpus.js';

/** The idf of the lexical index: ln((N + 1) / (df + 0.5)). */
export function idfOf(documents: number, documentFrequency: number): number {
  return Math.log((documents + 1) / (documentFrequency + 0.5));
}

/**
 * Column of each stem id in the matrix (-1: left out) and the idf of each column; columns in
 * stem order, so the numbering does not depend on the order articles were read in.
 */
export function keptTerms(
  corpus: ArchiveCorpus,
  minDf: number,
): { column: Int32Array; idf: number[] } {
  const column = new Int32Array(corpus.stems.length).fill(-1);
  const idf: number[] = [];
  const kept = [...corpus.stems.keys()].filter(
    (stem) => (corpus.documentFrequency[stem] as number) >= minDf,
  );
  kept.sort((a, b) => compare(corpus.stems[a] as string, corpus.stems[b] as string));
  for (const stem of kept) {
    column[stem] = idf.length;
    idf.push(idfOf(corpus.documents, corpus.documentFrequency[stem] as number));
  }
  return { column, idf };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The documents x terms TF-IDF matrix (rows in id order), each row of unit length, in `ops`'s
 * memory (shared with its worker thread).
 */
export function tfidfRows(
  corpus: ArchiveCorpus,
  column: Int32Array,
  idf: readonly number[],
  ops: BlockOps = serialBlockOps(),
): SparseRows {
  const start = ops.ints(corpus.documents + 1);
  const columns = ops.ints(corpus.stemIds.length);
  const values = ops.floats(corpus.stemIds.length);
  let nnz = 0;
  // Rows in article id order, so the sums run in the same order for the same archive.
  const order = [...corpus.ids.keys()].sort((a, b) =>
    compare(corpus.ids[a] as string, corpus.ids[b] as string),
  );
  for (const [row, d] of order.entries()) {
    const first = nnz;
    let norm = 0;
    for (let p = corpus.start[d] as number; p < (corpus.start[d + 1] as number); p += 1) {
      const term = column[corpus.stemIds[p] as number] as number;
      if (term >= 0) {
        const value = (corpus.counts[p] as number) * (idf[term] as number);
        columns[nnz] = term;
        values[nnz] = value;
        norm += value * value;
        nnz += 1;
      }
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let p = first; p < nnz; p += 1) {
      values[p] = (values[p] as number) * scale;
    }
    start[row + 1] = nnz;
  }
  return {
    documents: corpus.documents,
    terms: idf.length,
    start,
    columns: columns.subarray(0, nnz),
    values: values.subarray(0, nnz),
  };
}
