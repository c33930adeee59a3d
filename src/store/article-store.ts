/**
 * The ArticleStore role: the source of truth. Articles, the hash of their embedding text, their
 * vectors with the model that made them, editor overrides and metadata. The vector index can
 * always be rebuilt from it. Asynchronous, so a store may live on a database server; every write
 * resolves only after it is committed. Adapters: `sqlite-store.ts` (better-sqlite3, WAL, wrapped
 * by `sync-store.ts`) and `memory-store.ts` (unit tests).
 */
import type { Article, ArticleHeader } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';

export type { TermWeights } from '../lexical/term-weights.js';

/** Editor overrides for one source article. */
export interface Overrides {
  /** Shown first, in this order, whatever their score. */
  readonly pinned: readonly string[];
  /** Never shown for this source. */
  readonly blocked: readonly string[];
}

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
  /**
   * The store generation this write committed as (absent for an empty batch): a server applies
   * its own write from memory only when it is the one write after the generation it reflects.
   */
  readonly generation?: number;
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

/** One stored article as a whole-store scan reads it: what is stored as text stays unparsed. */
export interface ScannedArticle {
  readonly id: string;
  readonly vector: Float32Array;
  /** Its terms' JSON text (read with `parseTermsText`: parsing costs most of a rebuild). */
  readonly terms: string;
  /** The article's JSON text, when the scan was asked for articles. */
  readonly json?: string;
}

/** What a scan reads besides ids, vectors and terms. */
export interface ScanOptions {
  /** The articles' JSON too (a store on a database server, whose articles are held). */
  readonly articles: boolean;
}

export interface ArticleStore {
  get(id: string): Promise<Article | undefined>;
  /** The articles found among `ids` (missing ids are absent from the map). */
  getMany(ids: readonly string[]): Promise<Map<string, Article>>;
  /** The headers (articles without body) found among `ids`, read in one go. */
  getHeaders(ids: readonly string[]): Promise<Map<string, ArticleHeader>>;
  getVector(id: string): Promise<Float32Array | undefined>;
  /** The stored lexical terms of `id`. */
  getTerms(id: string): Promise<TermWeights | undefined>;
  /** Stored text hashes of the ids that exist, to skip re-embedding unchanged articles. */
  textHashes(ids: readonly string[]): Promise<Map<string, string>>;
  /** Stores all records in one transaction (all or none); resolves only after commit. */
  upsertMany(records: readonly ArticleRecord[]): Promise<UpsertResult>;
  /** Deletes the article, its vector and its overrides; false when absent. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
  /** Every stored vector, for rebuilding the index without re-embedding. */
  vectors(): AsyncIterable<{ id: string; vector: Float32Array }>;
  /** Every stored article. */
  articles(): AsyncIterable<Article>;
  /** Every stored article's lexical terms, for loading the lexical index at start. */
  terms(): AsyncIterable<{ id: string; terms: TermWeights }>;
  /**
   * Every stored article in one pass, page by page in the order `vectors()` and `terms()` give
   * (rebuilding the indexes and the held articles from one read of the store).
   */
  scan(options: ScanOptions): AsyncIterable<readonly ScannedArticle[]>;
  /** Every stored overrides record (for holding overrides in memory). */
  overrides(): AsyncIterable<{ id: string; overrides: Overrides }>;
  /** Articles whose title holds all the words of `query`, or whose id starts with it. */
  searchTitles(query: string, limit: number): Promise<Article[]>;
  getOverrides(id: string): Promise<Overrides>;
  setOverrides(id: string, overrides: Overrides): Promise<void>;
  /** The model the stored vectors belong to; undefined while the store holds none. */
  vectorModel(): Promise<VectorModel | undefined>;
  /** Records the model; rejects with MODEL_MISMATCH if vectors of another model are stored. */
  claimVectorModel(model: VectorModel): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Counter that grows with every write that can change a related list (cache keys, ETags). */
  generation(): Promise<number>;
  /**
   * Articles changed after `generation` (by this process or another one sharing the store);
   * undefined when the change log no longer reaches back that far (then rebuild from `vectors()`).
   */
  changesSince(generation: number): Promise<StoreChanges | undefined>;
  /**
   * Replaces every stored vector and the model record in one transaction (`reindex --full` after a
   * model change). Every stored article must get a vector, or nothing changes.
   */
  replaceVectors(model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): Promise<void>;
  /**
   * Writes a consistent copy of the store to the file `to` while it stays in use (SQLite's
   * online backup); absent where a store has no file of its own (memory, or a server database
   * backed up with its own tools such as pg_dump). Throws STORAGE_FAILED naming `to`.
   */
  backup?(to: string): Promise<void>;
  /**
   * Calls `listener` soon after any writer (this process, another process on the same data
   * folder, another server on the same database) has moved the generation. SQLite polls the
   * generation (at most every 100 ms); a database server may notify. Returns the unsubscribe
   * function. Listeners must not throw.
   */
  onChange(listener: () => void): () => void;
  /**
   * Why the store cannot be reached right now, or undefined while it can (a store on a database
   * server; absent where the store is a local file). For the readiness probe's body.
   */
  unreachable?(): string | undefined;
  close(): Promise<void>;
}

/**
 * Synchronous reads of a store held on this machine (SQLite, memory): what the related path
 * reads of bodies and terms without a round trip. A store on a database server has none, and the
 * indexing room then holds those in memory (see indexing/held-articles.ts).
 */
export interface LocalReads {
  get(id: string): Article | undefined;
  getTerms(id: string): TermWeights | undefined;
}

/** A store held on this machine: its synchronous reads come with it. */
export interface LocalArticleStore extends ArticleStore {
  readonly local: LocalReads;
}
