/**
 * The ArticleStore role: the source of truth. Articles, the hash of their embedding text, their
 * vectors with the model that made them, editor overrides and metadata. The vector index can
 * always be rebuilt from it. Adapters: `sqlite-store.ts` (better-sqlite3, WAL) and
 * `memory-store.ts` (unit tests).
 */
import type { Article, ArticleHeader } from '../articles/article.js';

/** Editor overrides for one source article. */
export interface Overrides {
  /** Shown first, in this order, whatever their score. */
  readonly pinned: readonly string[];
  /** Never shown for this source. */
  readonly blocked: readonly string[];
}

/** Lexical term weights of one article (term -> weight), computed at ingest by `lexical/`. */
export type TermWeights = Readonly<Record<string, number>>;

/** One article ready to store: validated, hashed, embedded, analysed. */
export interface ArticleRecord {
  readonly article: Article;
  /** Lexical terms, stored so the lexical index loads at start without re-analysing text. */
  readonly terms: TermWeights;
  /** Hash of the embedding text: equal hash means the vector need not be recomputed. */
  readonly textHash: string;
  readonly vector: Float32Array;
}

export interface UpsertResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

/** Which model made the stored vectors. */
export interface VectorModel {
  readonly modelId: string;
  readonly dimensions: number;
}

/** What changed in the store after a generation: for catching an in-memory index up. */
export interface StoreChanges {
  /** The generation the store has reached. */
  readonly generation: number;
  /** Articles upserted or deleted since (each once); look each up to know which. */
  readonly articleIds: readonly string[];
  /** Articles whose editor overrides were set since (each once). */
  readonly overrideIds?: readonly string[];
}

export interface ArticleStore {
  get(id: string): Article | undefined;
  /** The articles found among `ids` (missing ids are absent from the map). */
  getMany(ids: readonly string[]): Map<string, Article>;
  /** The headers (articles without body) found among `ids`, read in one go. */
  getHeaders(ids: readonly string[]): Map<string, ArticleHeader>;
  getVector(id: string): Float32Array | undefined;
  /** The stored lexical terms of `id`. */
  getTerms(id: string): TermWeights | undefined;
  /** Stored text hashes of the ids that exist, to skip re-embedding unchanged articles. */
  textHashes(ids: readonly string[]): Map<string, string>;
  /** Stores all records in one transaction: all or none. */
  upsertMany(records: readonly ArticleRecord[]): UpsertResult;
  /** Deletes the article, its vector and its overrides; false when absent. */
  delete(id: string): boolean;
  count(): number;
  /** Every stored vector, for rebuilding the index without re-embedding. */
  vectors(): IterableIterator<{ id: string; vector: Float32Array }>;
  /** Every stored article. */
  articles(): IterableIterator<Article>;
  /** Every stored article's lexical terms, for loading the lexical index at start. */
  terms(): IterableIterator<{ id: string; terms: TermWeights }>;
  /** Articles whose title holds all the words of `query`, or whose id starts with it. */
  searchTitles(query: string, limit: number): Article[];
  getOverrides(id: string): Overrides;
  setOverrides(id: string, overrides: Overrides): void;
  /** The model the stored vectors belong to; undefined while the store holds none. */
  vectorModel(): VectorModel | undefined;
  /** Records the model; throws MODEL_MISMATCH if vectors of another model are stored. */
  claimVectorModel(model: VectorModel): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Counter that grows with every write that can change a related list (cache keys, ETags). */
  generation(): number;
  /**
   * Articles changed after `generation` (by this process or another one sharing the data folder);
   * undefined when the change log no longer reaches back that far (then rebuild from `vectors()`).
   */
  changesSince(generation: number): StoreChanges | undefined;
  /**
   * Replaces every stored vector and the model record in one transaction (`reindex --full` after a
   * model change). Every stored article must get a vector, or nothing changes.
   */
  replaceVectors(model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): void;
  /**
   * Writes a consistent copy of the store to the file `to` while it stays in use (SQLite's
   * online backup); absent where a store has no file of its own (memory, or a server database
   * backed up with its own tools such as pg_dump). Throws STORAGE_FAILED naming `to`.
   */
  backup?(to: string): Promise<void>;
  close(): void;
}
