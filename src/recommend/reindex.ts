/**
 * Batch reindexing, as pure orchestration: records in (already read, with their line numbers),
 * validated, upserted through ingest in batches, rejects reported with their reasons. Idempotent:
 * a run killed half-way and started again stores nothing twice and embeds only what is new.
 * Also the `--full` steps: re-embed every stored article after a model change, rebuild the index.
 */
import { type Article, parseArticleItem } from '../articles/article.js';
import { embeddingInput } from '../articles/embedding-text.js';
import type { Embedder } from '../embedding/embedder.js';
import type { FieldIssue } from '../errors.js';
import type { ArticleStore } from '../store/article-store.js';
import type { IngestService } from './types.js';

/** One input record: its value, or why it could not be parsed. */
export type ReindexRecord =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

/** A rejected record: where it is, which id it had (when readable), and what is wrong. */
export interface Reject {
  readonly line: number;
  readonly id?: string;
  readonly errors: readonly FieldIssue[];
}

export interface ReindexCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ReindexOptions {
  readonly batchSize: number;
  /** Called after each batch with the running counts. */
  readonly onProgress?: (counts: Readonly<ReindexCounts>) => void;
  readonly onReject?: (reject: Reject) => void;
}

/** Upserts every valid record in batches; returns the counts (rejects go to `onReject`). */
export async function runReindex(
  records: AsyncIterable<ReindexRecord>,
  ingest: IngestService,
  options: ReindexOptions,
): Promise<ReindexCounts> {
  const counts: ReindexCounts = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let batch: Article[] = [];
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    const result = await ingest.upsert(batch);
    counts.created += result.created.length;
    counts.updated += result.updated.length;
    counts.unchanged += result.unchanged.length;
    batch = [];
    options.onProgress?.(counts);
  };
  for await (const record of records) {
    counts.read += 1;
    const reject = validate(record, batch);
    if (reject) {
      counts.rejected += 1;
      options.onReject?.(reject);
    }
    if (batch.length >= options.batchSize) {
      await flush();
    }
  }
  await flush();
  return counts;
}

/** Adds the record's article to `batch`, or returns why it is rejected. */
function validate(record: ReindexRecord, batch: Article[]): Reject | undefined {
  if ('error' in record) {
    return { line: record.line, errors: [{ field: '', message: record.error }] };
  }
  const parsed = parseArticleItem(record.value);
  if (!parsed.ok) {
    return {
      line: record.line,
      ...(parsed.id === undefined ? {} : { id: parsed.id }),
      errors: parsed.errors,
    };
  }
  batch.push(parsed.article);
  return undefined;
}

/**
 * Re-embeds every stored article with `embedder` (from the stored text) and replaces all vectors
 * and the model record in one transaction: nothing changes unless every article was embedded.
 */
export async function reembedAll(
  deps: { readonly store: ArticleStore; readonly embedder: Embedder },
  batchSize: number,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  // Read everything first: the store is not written while we embed, and no cursor stays open.
  const articles: Article[] = [];
  for await (const article of deps.store.articles()) {
    articles.push(article);
  }
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < articles.length; start += batchSize) {
    const slice = articles.slice(start, start + batchSize);
    const embedded = await deps.embedder.embed(slice.map((a) => embeddingInput(a)));
    slice.forEach((article, i) => {
      const vector = embedded[i];
      if (vector) {
        vectors.set(article.id, vector);
      }
    });
    onProgress?.(Math.min(start + batchSize, articles.length), articles.length);
  }
  await deps.store.replaceVectors(
    { modelId: deps.embedder.modelId, dimensions: deps.embedder.dimensions },
    vectors,
  );
  return vectors.size;
}
