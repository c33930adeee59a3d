/**
 * The use cases' shapes: what the edges (HTTP, CLI) call and what they get back. Implemented by
 * `related.ts` (the "More like this" list) and `ingest.ts` (storing and indexing articles).
 */
import type { Article, ArticleFields, ArticleHeader } from '../articles/article.js';
import type { FieldIssue } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { Overrides, StoreChanges } from '../store/article-store.js';

/** Query options of a related list (contract: query string for GET, JSON fields for POST). */
export interface RelatedOptions {
  /** 1..50, default 6. */
  readonly limit?: number;
  /** Only these sections (case-insensitive). */
  readonly sections?: readonly string[];
  /** Never these sections (case-insensitive). */
  readonly excludeSections?: readonly string[];
  /** Only articles published at most this many days before now. */
  readonly maxAgeDays?: number;
  /** 0..1; overrides the calibrated relevance threshold. */
  readonly minScore?: number;
  /** 0..1; 0 = pure relevance, higher trades relevance for variety (MMR). */
  readonly diversity?: number;
  /** Never these ids. */
  readonly excludeIds?: readonly string[];
  /** Only articles sharing at least one of these tags (case-insensitive). */
  readonly tags?: readonly string[];
}

/** One item of a related list (contract shape). */
export interface RelatedItem {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly section: string | null;
  readonly publishedAt: string | null;
  readonly image: string | null;
  /** 0..1, higher is more related; means the same across queries. */
  readonly score: number;
  readonly pinned: boolean;
  /** Distinctive shared terms that explain the match. */
  readonly reasons: readonly string[];
}

export interface RelatedList {
  /** The source: a stored article, or a draft (id null). */
  readonly source: {
    readonly id: string | null;
    readonly title: string;
    /** The language the list was made in: the source's own, or detected when it had none. */
    readonly language: string;
  };
  readonly model: string;
  readonly items: readonly RelatedItem[];
}

export interface RelatedService {
  /** The list for a stored article; throws ARTICLE_NOT_FOUND. */
  forArticle(id: string, options?: RelatedOptions): Promise<RelatedList>;
  /** The list for an unsaved draft (embeds it). */
  forDraft(draft: ArticleFields, options?: RelatedOptions): Promise<RelatedList>;
}

/** One rejected item of a batch, by its position in the input. */
export interface RejectedItem {
  readonly index: number;
  readonly id?: string;
  readonly errors: readonly FieldIssue[];
}

export interface IngestResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  /** Re-upserted with the same embedding text: stored, not re-embedded. */
  readonly unchanged: readonly string[];
}

export interface IngestService {
  /** Embeds (only what changed), stores and indexes valid articles; all or none. */
  upsert(articles: readonly Article[]): Promise<IngestResult>;
  /** Removes an article from store and indexes; false when absent. */
  remove(id: string): Promise<boolean>;
}

export interface OverridesService {
  get(id: string): Promise<Overrides>;
  /** Rejects with ARTICLE_NOT_FOUND for an unknown source. */
  set(id: string, overrides: Overrides): Promise<Overrides>;
}

/**
 * What the related path reads of stored articles: synchronously, from memory (held by the
 * indexing room and caught up from the store's change log), so no request waits on the store.
 * The generation is the one the indexes reflect; `changesSince` answers from the recent change
 * log held in memory (undefined when it no longer reaches back).
 */
export interface HeldArticles {
  get(id: string): Article | undefined;
  getHeaders(ids: readonly string[]): Map<string, ArticleHeader>;
  getTerms(id: string): TermWeights | undefined;
  getOverrides(id: string): Overrides;
  generation(): number;
  changesSince(generation: number): StoreChanges | undefined;
}
