/**
 * Plans the model calls for a set of articles: each title and each body chunk becomes one framed
 * sequence; sequences are sorted by length and packed into batches under a token budget (little
 * padding); after the model ran, the pooled vectors are put back together per article.
 */
import { chunkTokenIds, frameSequence, type SequenceFrame } from './chunking.js';
import { combineArticle, type PooledPart } from './pooling.js';

/** One article as token ids, without special tokens. */
export interface TokenizedArticle {
  readonly title: readonly number[];
  readonly body: readonly number[];
}

/** One sequence the model will see. */
export interface PlannedSequence {
  /** Index of the article it belongs to. */
  readonly article: number;
  readonly part: 'title' | 'chunk';
  /** Framed ids: specials, prefix, text. */
  readonly ids: readonly number[];
  /** Text tokens in it (its weight among the body chunks). */
  readonly textTokens: number;
}

/** The sequences of `inputs` tokenized by `encode` (an empty text has no tokens). */
export function planInputs(
  inputs: readonly { readonly title: string; readonly body: string }[],
  encode: (text: string) => number[],
  frame: SequenceFrame,
  windowSize: number,
): PlannedSequence[] {
  const tokens = (text: string) => (text.length === 0 ? [] : encode(text));
  const tokenized = inputs.map((input) => ({
    title: tokens(input.title),
    body: tokens(input.body),
  }));
  return planSequences(tokenized, frame, windowSize);
}

/** All sequences of `articles`: each non-empty title, and the body in windows of `windowSize`. */
export function planSequences(
  articles: readonly TokenizedArticle[],
  frame: SequenceFrame,
  windowSize: number,
): PlannedSequence[] {
  const sequences: PlannedSequence[] = [];
  articles.forEach((article, index) => {
    // A title longer than one window is rare; its first window stands for it.
    const title = article.title.slice(0, windowSize);
    if (title.length > 0) {
      const ids = frameSequence(frame, title);
      sequences.push({ article: index, part: 'title', ids, textTokens: title.length });
    }
    for (const window of chunkTokenIds(article.body, windowSize)) {
      const ids = frameSequence(frame, window);
      sequences.push({ article: index, part: 'chunk', ids, textTokens: window.length });
    }
  });
  return sequences;
}

/**
 * Packs sequences, shortest first, into batches whose padded size (rows x longest row) stays
 * within `maxBatchTokens` and whose row count stays within `maxBatchRows`.
 */
export function packBatches(
  sequences: readonly PlannedSequence[],
  maxBatchTokens: number,
  maxBatchRows: number,
): PlannedSequence[][] {
  const sorted = [...sequences].sort((a, b) => a.ids.length - b.ids.length);
  const batches: PlannedSequence[][] = [];
  let current: PlannedSequence[] = [];
  for (const sequence of sorted) {
    // Sorted ascending, so this sequence is the longest of the batch it joins.
    const padded = (current.length + 1) * sequence.ids.length;
    if (current.length > 0 && (padded > maxBatchTokens || current.length >= maxBatchRows)) {
      batches.push(current);
      current = [];
    }
    current.push(sequence);
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}

/** Builds one vector per article from the pooled vector of every planned sequence. */
export function assembleArticles(
  articleCount: number,
  pooled: ReadonlyMap<PlannedSequence, Float32Array>,
  titleWeight: number,
  dims: number,
): Float32Array[] {
  const titles: (Float32Array | undefined)[] = new Array(articleCount).fill(undefined);
  const chunks: PooledPart[][] = Array.from({ length: articleCount }, () => []);
  for (const [sequence, vector] of pooled) {
    if (sequence.part === 'title') {
      titles[sequence.article] = vector;
    } else {
      chunks[sequence.article]?.push({ vector, tokens: sequence.textTokens });
    }
  }
  return titles.map((title, i) => combineArticle(title, chunks[i] ?? [], titleWeight, dims));
}
