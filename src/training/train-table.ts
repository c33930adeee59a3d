/**
 * Trains the archive model's lookup table: the TF-IDF matrix of the archive (title counted twice,
 * idf as the lexical index computes it, each document scaled to unit length), its randomized
 * truncated SVD, and for each word form the vector of its stem from the term side of the SVD
 * with the stem's idf folded in (and each dimension weighted by √σ). Averaging those rows over
 * an article's tokens (what the static model computes) is then the LSA fold-in of its TF-IDF
 * vector, Σ^½Uᵀd, for stored and new articles alike.
 */
import type { Article } from '../articles/article.js';
import { AppError } from '../errors.js';
import { type ArchiveCorpus, scanCorpus } from './corpus.js';
import { type SparseRows, type TermSvd, termSvd } from './random-svd.js';
import { type WordForm, wordForms } from './word-forms.js';

export interface TrainOptions {
  /** Dimensions asked for (fewer when the archive's matrix has a lower rank). */
  readonly dims: number;
  readonly seed: number;
  readonly powerIterations: number;
  readonly oversample: number;
  /** Stems in fewer documents carry no co-occurrence and are left out. */
  readonly minDocumentFrequency: number;
  /** Most word forms in the vocabulary (the most used). */
  readonly maxVocabulary: number;
  /**
   * Each dimension scaled by its singular value to this power: 0 gives the plain LSA fold-in
   * Uᵀd; 0.5 (the default) leans on the archive's main themes a little more. Measured by plain
   * cosine (bbc P@5 / ecbplus-dev P@5 / basil P@2): 0 0.918 / 0.941 / 0.982, 0.5 0.930 / 0.942 /
   * 0.977, 1 0.935 / 0.944 / 0.973, -0.5 0.903 / 0.932 / 0.980.
   */
  readonly sigmaPower: number;
}

/** Settings of `morelike model train`. */
export const TRAIN_DEFAULTS: TrainOptions = Object.freeze({
  dims: 100,
  seed: 14,
  powerIterations: 2,
  oversample: 10,
  minDocumentFrequency: 2,
  maxVocabulary: 200_000,
  sigmaPower: 0.5,
});

/** Special tokens, ids 0..3, zero rows (as in the shipped static model). */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

export interface TrainedTable {
  /** Tokens in id order, special tokens first. */
  readonly vocabulary: readonly string[];
  /** vocabulary.length x dimensions, row-major. */
  readonly rows: Float32Array;
  readonly dimensions: number;
  readonly articles: number;
  readonly languages: Readonly<Record<string, number>>;
  /** Stems in the SVD. */
  readonly terms: number;
  readonly singularValues: readonly number[];
}

/** The idf of the lexical index: ln((N + 1) / (df + 0.5)). */
export function idfOf(documents: number, documentFrequency: number): number {
  return Math.log((documents + 1) / (documentFrequency + 0.5));
}

/** Trains on `articles` (in a stable order: the same order gives the same bytes). */
export function trainTable(articles: Iterable<Article>, options: TrainOptions): TrainedTable {
  const corpus = scanCorpus(articles);
  const { column, idf } = keptTerms(corpus, options.minDocumentFrequency);
  if (corpus.documents < 2 || idf.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The archive holds ${corpus.documents} articles and ${idf.length} words shared by ` +
        `${options.minDocumentFrequency} of them: too few to train a model`,
      { details: { articles: corpus.documents, terms: idf.length } },
    );
  }
  const svd = termSvd(tfidfRows(corpus, column, idf), {
    rank: options.dims,
    oversample: options.oversample,
    powerIterations: options.powerIterations,
    seed: options.seed,
  });
  const forms = wordForms(corpus.raw, column, options.maxVocabulary);
  const rows = formRows(forms, idf, svd, options.sigmaPower);
  return {
    vocabulary: [...SPECIAL_TOKENS, ...forms.map(({ form }) => form)],
    rows,
    dimensions: svd.rank,
    articles: corpus.documents,
    languages: corpus.languages,
    terms: idf.length,
    singularValues: svd.singularValues,
  };
}

/**
 * One row per form (after the zero rows of the special tokens): its stem's term vector times the
 * stem's idf, each dimension times σ^sigmaPower; all rows then scaled by one factor (cosines do
 * not change) that puts the values where half floats are exact.
 */
function formRows(
  forms: readonly WordForm[],
  idf: readonly number[],
  svd: TermSvd,
  sigmaPower: number,
): Float32Array {
  const dims = svd.rank;
  const rows = new Float32Array((SPECIAL_TOKENS.length + forms.length) * dims);
  const scales = svd.singularValues.map((sigma) => sigma ** sigmaPower);
  let largest = 0;
  forms.forEach(({ column: term }, i) => {
    const weight = idf[term] as number;
    for (let c = 0; c < dims; c += 1) {
      const value = weight * (scales[c] as number) * (svd.termVectors[term * dims + c] as number);
      rows[(SPECIAL_TOKENS.length + i) * dims + c] = value;
      largest = Math.max(largest, Math.abs(value));
    }
  });
  if (largest > 0) {
    for (let i = 0; i < rows.length; i += 1) {
      rows[i] = (rows[i] as number) / largest;
    }
  }
  return rows;
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

/** The documents x terms TF-IDF matrix (rows in id order), each row of unit length. */
export function tfidfRows(
  corpus: ArchiveCorpus,
  column: Int32Array,
  idf: readonly number[],
): SparseRows {
  const start = new Int32Array(corpus.documents + 1);
  const columns = new Int32Array(corpus.stemIds.length);
  const values = new Float64Array(corpus.stemIds.length);
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
