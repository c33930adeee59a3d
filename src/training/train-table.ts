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
import { type BlockOps, serialBlockOps } from './block-ops.js';
import { scanCorpus } from './corpus.js';
import { type TermSvd, termSvd } from './random-svd.js';
import { keptTerms, tfidfRows } from './tfidf.js';
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

/** Trains on `articles` (in a stable order: the same order gives the same bytes). */
export async function trainTable(
  articles: Iterable<Article> | AsyncIterable<Article>,
  options: TrainOptions,
  ops: BlockOps = serialBlockOps(),
): Promise<TrainedTable> {
  const corpus = await scanCorpus(articles);
  const { column, idf } = keptTerms(corpus, options.minDocumentFrequency);
  if (corpus.documents < 2 || idf.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The archive holds ${corpus.documents} articles and ${idf.length} words shared by ` +
        `${options.minDocumentFrequency} of them: too few to train a model`,
      { details: { articles: corpus.documents, terms: idf.length } },
    );
  }
  const svd = termSvd(
    tfidfRows(corpus, column, idf),
    {
      rank: options.dims,
      oversample: options.oversample,
      powerIterations: options.powerIterations,
      seed: options.seed,
    },
    ops,
  );
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
