/**
 * The service graph: `buildServices(config)` is the only place adapters are constructed (SQLite
 * store, HNSW index, transformers.js embedder, lexical index) and wired into the use cases.
 * Edges (HTTP, CLI) receive a `Services` and never construct an adapter themselves.
 */
import type { Config } from './config/env.js';
import type { Embedder } from './embedding/embedder.js';
import type { IngestService, OverridesService, RelatedService } from './recommend/types.js';
import type { ArticleStore } from './store/article-store.js';
import type { VectorIndex } from './vector-index/vector-index.js';

/** Counts and identity for GET /v1/stats and `morelike stats`. */
export interface Stats {
  readonly articles: number;
  readonly indexed: number;
  readonly model: string;
  readonly dimensions: number;
  readonly indexGeneration: number;
}

export interface Services {
  readonly config: Config;
  readonly store: ArticleStore;
  readonly index: VectorIndex;
  readonly embedder: Embedder;
  readonly related: RelatedService;
  readonly ingest: IngestService;
  readonly overrides: OverridesService;
  stats(): Stats;
  /** Saves the index snapshot and releases every handle. */
  close(): Promise<void>;
}
