/**
 * The service graph: `buildServices(config)` is the only place adapters are constructed (SQLite
 * store, HNSW index snapshots, transformers.js embedder, lexical snapshots) and wired into the use
 * cases and the indexing room (which owns the indexes and lists and their whole lifecycle). Edges (HTTP, CLI) receive a `Services` and never construct an adapter themselves.
 * `buildServicesFrom(config, adapters)` does the wiring alone, so tests inject fakes.
 */

import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/env.js';
import type { Embedder, EmbeddingInput } from './embedding/embedder.js';
import { createLazyEmbedder, type LazyEmbedder } from './embedding/lazy-embedder.js';
import { resolveModelFiles } from './embedding/model-files.js';
import { modelCoversLanguage, modelSettings } from './embedding/model-registry.js';
import { createWorkerPoolEmbedder } from './embedding/worker-pool-embedder.js';
import { createXenovaEmbedder, type XenovaEmbedderOptions } from './embedding/xenova-embedder.js';
import { type Indexing, openIndexing } from './indexing/indexing.js';
import { type ArticleTerms, analyzeArticle } from './lexical/analyze.js';
import type { LexicalIndex } from './lexical/lexical-index.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
  type LexicalSnapshots,
} from './lexical/lexical-snapshot.js';
import { type PackedTerms, unpackTerms } from './lexical/packed-terms.js';
import { createListsSnapshots, LISTS_SNAPSHOT_FILE } from './lists/lists-snapshot.js';
import type { ListsSnapshots, MaterialisedLists } from './recommend/materialised-lists.js';
import { createOverrides } from './recommend/overrides.js';
import type { IngestService, OverridesService, RelatedService } from './recommend/types.js';
import type { ArticleStore, LocalReads, VectorModel } from './store/article-store.js';
import { createSqliteStore } from './store/sqlite-store.js';
import { createIndexSnapshots } from './vector-index/index-snapshot.js';
import type { IndexSnapshots } from './vector-index/persistent-index.js';
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
  /** The vector index, from memory (kept in step with the store by `indexing`). */
  readonly index: VectorIndex;
  readonly lexical: LexicalIndex;
  readonly embedder: Embedder;
  readonly related: RelatedService;
  /** The materialised lists behind `related` (versions for rendered answers, progress). */
  readonly lists: MaterialisedLists;
  readonly ingest: IngestService;
  readonly overrides: OverridesService;
  /** The indexing room: keeps the indexes and lists in step with the store; rebuilds, saves. */
  readonly indexing: Indexing;
  /** The model the store holds when it differs from the embedder's (only with `allowModelChange`). */
  readonly pendingModelChange: VectorModel | undefined;
  /**
   * Settles when the model is loaded (it may load in the background after the indexes; see
   * buildServices): the service is ready, in the sense of GET /readyz, once both are.
   */
  readonly modelLoaded: Promise<void>;
  stats(): Promise<Stats>;
  /** Saves the snapshots and releases every handle. */
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Where decisions are reported (index loaded or rebuilt, and why); stderr by default. */
  readonly log?: (message: string) => void;
  /**
   * Build even when the store holds another model's vectors (for `reindex --full`, which
   * re-embeds them); `pendingModelChange` then names the stored model.
   */
  readonly allowModelChange?: boolean;
}

/** What `buildServicesFrom` wires: the adapters, made by `buildServices` or by a test. */
export interface Adapters {
  /** The store; its `local` reads, when it has them (a store on this machine), are used too. */
  readonly store: ArticleStore & { readonly local?: LocalReads };
  readonly embedder: Embedder;
  readonly snapshots: IndexSnapshots;
  /** The lexical index snapshot, saved with the vector snapshot; without it, built at start. */
  readonly lexicalSnapshots?: LexicalSnapshots;
  /** The lexical analyser for ingest (`analyzeArticle` unless a worker pool precomputes it). */
  readonly analyze?: (input: EmbeddingInput) => ArticleTerms;
  /** Settles when `embedder` has loaded its model (already loaded when absent). */
  readonly modelLoaded?: Promise<void>;
  /** The materialised lists snapshot; without it, every list is computed after start. */
  readonly listsSnapshots?: ListsSnapshots;
}

/** Builds the production graph over `config.dataDir` and the configured model. */
export async function buildServices(config: Config, options: BuildOptions = {}): Promise<Services> {
  const store = await openStore(config, options.log ?? logToStderr);
  try {
    const model = {
      modelId: config.modelId,
      modelsDir: config.modelsDir,
      allowRemoteModels: config.allowRemoteModels,
    };
    const local = await openEmbedder(store, model);
    const modelLoaded = 'loaded' in local ? local.loaded : undefined;
    // Big batches (ingest, reindex) are embedded and analysed in worker threads; single items
    // stay on this thread.
    const pool =
      config.embedThreads > 0
        ? createWorkerPoolEmbedder({
            local,
            model,
            threads: config.embedThreads,
            sideTask: { moduleUrl: siblingModule('lexical/analyze'), exportName: 'analyzePacked' },
          })
        : undefined;
    const embedder = pool ?? local;
    const analyze = pool
      ? (input: EmbeddingInput) => {
          const packed = pool.precomputed(input) as PackedTerms | undefined;
          return packed
            ? { terms: unpackTerms(packed), language: packed.language }
            : analyzeArticle(input);
        }
      : undefined;
    const index = join(config.dataDir, 'index');
    return await buildServicesFrom(
      config,
      {
        store,
        embedder,
        snapshots: createIndexSnapshots(index),
        lexicalSnapshots: createLexicalSnapshots(join(index, LEXICAL_SNAPSHOT_FILE)),
        listsSnapshots: createListsSnapshots(join(index, LISTS_SNAPSHOT_FILE)),
        ...(analyze ? { analyze } : {}),
        ...(modelLoaded ? { modelLoaded } : {}),
      },
      options,
    );
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The configured store: PostgreSQL at `config.storeUrl` when set (its connection events go to
 * `log`), else SQLite in the data folder. The PostgreSQL adapter (and its driver) is loaded only
 * when used.
 */
export async function openStore(
  config: Config,
  log: (message: string) => void = logToStderr,
): Promise<ArticleStore & { readonly local?: LocalReads }> {
  if (config.storeUrl === undefined) {
    return createSqliteStore({ dataDir: config.dataDir });
  }
  const { createPostgresStore } = await import('./store/postgres-store.js');
  return createPostgresStore({ url: config.storeUrl, log: (_level, message) => log(message) });
}

/**
 * The main-thread embedder. When the store already records this model (and its dimensions), the
 * model loads in the background (after its files are checked) while the indexes load, and
 * `Services.modelLoaded` says when it is up. Otherwise it is loaded first.
 */
async function openEmbedder(
  store: ArticleStore,
  model: XenovaEmbedderOptions,
): Promise<Embedder | LazyEmbedder> {
  const stored = await store.vectorModel();
  if (stored?.modelId !== model.modelId || model.allowRemoteModels) {
    return createXenovaEmbedder(model);
  }
  resolveModelFiles(model.modelsDir, model.modelId, modelSettings(model.modelId).quantized);
  return createLazyEmbedder({
    modelId: stored.modelId,
    dimensions: stored.dimensions,
    load: () => createXenovaEmbedder(model),
  });
}

/** Wires the use cases over `adapters`: claims the model, opens the indexing room. */
export async function buildServicesFrom(
  config: Config,
  adapters: Adapters,
  options: BuildOptions = {},
): Promise<Services> {
  const { store, embedder } = adapters;
  const log = options.log ?? logToStderr;
  const model: VectorModel = { modelId: embedder.modelId, dimensions: embedder.dimensions };
  const pendingModelChange = await claimModel(store, model, options.allowModelChange ?? false);
  const indexing = await openIndexing({
    ...adapters,
    // A store on this machine is read in place: the room then holds no copy of every article.
    ...(store.local ? { local: store.local } : {}),
    model,
    analyze: adapters.analyze ?? analyzeArticle,
    modelCovers: (language) => modelCoversLanguage(embedder.modelId, language),
    log,
    changingModel: pendingModelChange !== undefined,
  });
  const { index, lexical, lists } = indexing;
  const overrides = createOverrides({ store });
  let closed = false;
  return {
    config,
    store,
    index,
    lexical,
    embedder,
    related: lists,
    lists,
    ingest: indexing.ingest,
    overrides: {
      get: (id) => overrides.get(id),
      async set(id, value) {
        const set = await overrides.set(id, value);
        await indexing.written();
        return set;
      },
    },
    indexing,
    pendingModelChange,
    modelLoaded: adapters.modelLoaded ?? Promise.resolve(),
    stats: async () => ({
      articles: await store.count(),
      indexed: index.size(),
      model: model.modelId,
      dimensions: model.dimensions,
      indexGeneration: indexing.generation(),
    }),
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        await indexing.close();
      } finally {
        await store.close();
        await embedder.dispose();
      }
    },
  };
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** URL of the module `path` (relative to src/) with this module's extension (.ts under tsx). */
function siblingModule(path: string): string {
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./${path}${extension}`, import.meta.url).href;
}

async function claimModel(
  store: ArticleStore,
  model: VectorModel,
  allowChange: boolean,
): Promise<VectorModel | undefined> {
  const stored = await store.vectorModel();
  const differs =
    stored !== undefined &&
    (stored.modelId !== model.modelId || stored.dimensions !== model.dimensions);
  if (differs && allowChange) {
    return stored;
  }
  await store.claimVectorModel(model);
  return undefined;
}
