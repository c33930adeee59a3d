/**
 * The ingest use case: validated articles in, stored and indexed articles out. Only text that
 * changed is embedded (the stored hash of the embedding text decides); everything is written to
 * the store in one transaction first, then the indexing room applies the write to the indexes
 * (there is no other path into them). A crash between the two is repaired at start, because the
 * store is the source of truth.
 */
import type { Article } from '../articles/article.js';
import { embeddingInput, textHash } from '../articles/embedding-text.js';
import type { Embedder, EmbeddingInput } from '../embedding/embedder.js';
import { AppError } from '../errors.js';
import type { ArticleTerms } from '../lexical/analyze.js';
import type { ArticleRecord, ArticleStore } from '../store/article-store.js';
import type { IngestResult, IngestService } from './types.js';

export interface IngestDeps {
  readonly store: ArticleStore;
  readonly embedder: Embedder;
  /**
   * Lexical terms of an embedding input and the language used (`analyzeArticle` in production:
   * the article's own language, or the detected one, which is stored with the article).
   */
  readonly analyze: (input: EmbeddingInput) => ArticleTerms;
  /**
   * Brings the indexes up to date after a write (the indexing room does it, applying other
   * processes' writes too); `written` are the records of the write just made, applied as they
   * are when nothing else was written meanwhile.
   */
  readonly indexed: (written?: readonly ArticleRecord[], generation?: number) => Promise<void>;
}

interface Prepared {
  readonly article: Article;
  readonly input: EmbeddingInput;
  readonly hash: string;
}

/** Creates the ingest service. */
export function createIngest(deps: IngestDeps): IngestService {
  const { store, embedder } = deps;

  const embedChanged = async (items: readonly Prepared[]) => {
    const stored = await store.textHashes(items.map((i) => i.article.id));
    const unchanged = new Set<string>();
    const vectors = new Map<string, Float32Array>();
    for (const item of items) {
      const vector =
        stored.get(item.article.id) === item.hash
          ? await store.getVector(item.article.id)
          : undefined;
      if (vector) {
        unchanged.add(item.article.id);
        vectors.set(item.article.id, vector);
      }
    }
    const toEmbed = items.filter((i) => !unchanged.has(i.article.id));
    const embedded = toEmbed.length > 0 ? await embedder.embed(toEmbed.map((i) => i.input)) : [];
    toEmbed.forEach((item, position) => {
      const vector = embedded[position];
      if (!vector || vector.length !== embedder.dimensions) {
        throw new AppError('EMBEDDING_FAILED', `No valid vector for ${item.article.id}`);
      }
      vectors.set(item.article.id, vector);
    });
    return { unchanged, vectors };
  };

  return {
    async upsert(articles) {
      const items = lastOfEachId(articles).map((article) => {
        const input = embeddingInput(article);
        return { article, input, hash: textHash(input) };
      });
      const { unchanged, vectors } = await embedChanged(items);
      const current = await store.getMany([...unchanged]);
      // Identical articles are not written again: a resumed reindex costs next to nothing.
      const toWrite = items.filter(
        (i) => !unchanged.has(i.article.id) || !sameArticle(current.get(i.article.id), i.article),
      );
      const records: ArticleRecord[] = toWrite.map((item) => {
        const { terms, language } = deps.analyze(item.input);
        return {
          article: item.article.language ? item.article : { ...item.article, language },
          textHash: item.hash,
          vector: vectors.get(item.article.id) ?? new Float32Array(0),
          terms,
        };
      });
      const written = await store.upsertMany(records);
      await deps.indexed(records, written.generation);
      return summarize(written, unchanged);
    },
    async remove(id) {
      const existed = await store.delete(id);
      if (existed) {
        await deps.indexed();
      }
      return existed;
    },
  };
}

function lastOfEachId(articles: readonly Article[]): Article[] {
  const byId = new Map<string, Article>();
  for (const article of articles) {
    byId.delete(article.id);
    byId.set(article.id, article);
  }
  return [...byId.values()];
}

/** Equal articles; one sent without `language` equals its stored copy whatever was detected. */
function sameArticle(a: Article | undefined, b: Article): boolean {
  if (a === undefined || (b.language !== undefined && a.language !== b.language)) {
    return false;
  }
  return (
    JSON.stringify({ ...a, language: undefined }) === JSON.stringify({ ...b, language: undefined })
  );
}

function summarize(
  written: { created: readonly string[]; updated: readonly string[] },
  unchanged: ReadonlySet<string>,
): IngestResult {
  return {
    created: written.created,
    updated: written.updated.filter((id) => !unchanged.has(id)),
    unchanged: [...unchanged],
  };
}
