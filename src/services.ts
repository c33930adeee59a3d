/**
 * The service graph: `buildServices(config)` is the only place adapters are constructed (SQLite
 * store, HNSW index snapshots, transformers.js embedder, lexical snapshots) and wired into the use
 * cases and the indexing room (which owns the indexes and lists and their whole lifecycle). Edges (HTTP, CLI) receive a `Services` and never construct an adapter themselves.
 * `buildServicesFrom(config, adapters)` does the wiring alone, so tests inject fakes.
 */

import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/env.js';
import { trainedLanguages } from './embedding/archive-languages.js';
import type { Embedder, EmbeddingInput } from './embedding/embedder.js';
import { modelFolder, resolveModelFiles } from './embedding/model-files.js';
import { isArchiveModel, modelCoversLanguage, modelSettings } from './embedding/model-registry.js';
import { openEmbedder } from './embedding/open-embedder.js';
import { createSwitchableEmbedder } from './embedding/switchable-embedder.js';
import type { XenovaEmbedderOptions } from './embedding/xenova-embedder.js';
import {
  createHeldSnapshots,
  HELD_SNAPSHOT_FILE,
  type HeldSnapshots,
  type Indexing,
  openIndexing,
} from './indexing/indexing.js';
import { type ArticleTerms, analyzeArticle } from './lexical/analyze.js';
import type { LexicalIndex } from './lexical/lexical-index.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
  type LexicalSnapshots,
} from './lexical/lexical-snapshot.js';
import { type PackedTerms, unpackTerms } from './lexical/packed-terms.js';
import { createThreadPoolWorkers } from './list-workers/thread-pool-workers.js';
import { createListsSnapshots, LISTS_SNAPSHOT_FILE } from './lists/lists-snapshot.js';
import type { WorkersWhen } from './recommend/list-parallel.js';
import type { ListsSnapshots, MaterialisedLists } from './recommend/materialised-lists.js';
import { createOverrides } from './recommend/overrides.js';
import type { PoolWorkers, PreparedCopies } from './recommend/pool-workers.js';
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
  /** When list workers start (see list-parallel.ts; tests start them sooner). */
  readonly listWorkersWhen?: WorkersWhen;
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
  /** The held articles' snapshot (a store on a database server); without it, read at start. */
  readonly heldSnapshots?: HeldSnapshots;
  /**
   * Worker threads for a large backlog of lists, over copies that `prepare` saves; without
   * them, every list is computed on the main thread.
   */
  readonly listWorkers?: (prepare: () => Promise<PreparedCopies>) => PoolWorkers;
  /**
   * Loads another model's embedder from this machine (rejects when it is not here): with it the
   * service follows the store when another process moves its vectors to another model.
   */
  readonly loadModel?: (model: VectorModel) => Promise<Embedder>;
}

/** Builds the production graph over `config.dataDir` and the configured model. */
export async function buildServices(config: Config, options: BuildOptions = {}): Promise<Services> {
  const index = join(config.dataDir, 'index');
  const heldSnapshots = createHeldSnapshots(join(index, HELD_SNAPSHOT_FILE));
  if (config.storeUrl !== undefined) {
    // A store on a database server: its held articles snapshot (the largest file) is read in a
    // thread of its own while the database connects and the model and indexes load.
    heldSnapshots.prefetch();
  }
  const store = await openStore(config, options.log ?? logToStderr);
  try {
    const model = {
      modelId: config.modelId,
      modelsDir: config.modelsDir,
      allowRemoteModels: config.allowRemoteModels,
      // A context-free model's token table, prepared once per model files (see prepared-model.ts),
      // beside the index snapshots: a copy of the index folder starts a new server fast.
      cacheDir: join(config.dataDir, 'index'),
    };
    const open = (options: XenovaEmbedderOptions, stored: VectorModel | undefined) =>
      openEmbedder({
        model: options,
        stored,
        threads: config.embedThreads,
        // Big batches (ingest, reindex) are embedded and analysed in worker threads.
        sideTask: { moduleUrl: siblingModule('lexical/analyze'), exportName: 'analyzePacked' },
      });
    let opened = await open(model, await store.vectorModel());
    const modelLoaded = opened.loaded;
    const analyze = (input: EmbeddingInput) => {
      const packed = opened.precomputed(input) as PackedTerms | undefined;
      return packed
        ? { terms: unpackTerms(packed), language: packed.language }
        : analyzeArticle(input);
    };
    // Another model the store moves to is loaded from this machine only (its files checked).
    const loadModel = async (stored: VectorModel) => {
      const options = { ...model, modelId: stored.modelId, allowRemoteModels: false };
      resolveModelFiles(model.modelsDir, stored.modelId, modelSettings(stored.modelId).quantized);
      opened = await open(options, undefined);
      return opened.embedder;
    };
    // List workers open the store themselves (SQLite in the data folder, or the PostgreSQL
    // database, with the held articles from the snapshot the main thread saves for them).
    const listWorkers =
      config.listThreads > 0
        ? (prepare: () => Promise<PreparedCopies>) =>
            createThreadPoolWorkers({
              threads: config.listThreads,
              dataDir: config.dataDir,
              ...(config.storeUrl ? { storeUrl: config.storeUrl } : {}),
              modelId: opened.embedder.modelId,
              dimensions: opened.embedder.dimensions,
              prepare,
              log: options.log ?? logToStderr,
            })
        : undefined;
    return await buildServicesFrom(
      config,
      {
        store,
        embedder: opened.embedder,
        loadModel,
        snapshots: createIndexSnapshots(index),
        lexicalSnapshots: createLexicalSnapshots(join(index, LEXICAL_SNAPSHOT_FILE)),
        listsSnapshots: createListsSnapshots(join(index, LISTS_SNAPSHOT_FILE)),
        heldSnapshots,
        ...(listWorkers ? { listWorkers } : {}),
        analyze,
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

/** Wires the use cases over `adapters`: claims the model, opens the indexing room. */
export async function buildServicesFrom(
  config: Config,
  adapters: Adapters,
  options: BuildOptions = {},
): Promise<Services> {
  const { store, loadModel } = adapters;
  const log = options.log ?? logToStderr;
  const model: VectorModel = {
    modelId: adapters.embedder.modelId,
    dimensions: adapters.embedder.dimensions,
  };
  const pendingModelChange = await claimModel(store, model, options.allowModelChange ?? false);
  // A server follows the store's model; `reindex --full` (changing it) does not.
  const following =
    loadModel && !pendingModelChange ? createSwitchableEmbedder(adapters.embedder) : undefined;
  const embedder = following ?? adapters.embedder;
  // An archive model covers the languages its record says it was trained on enough of (read
  // once per model: the served model can change, see `following`).
  const trainedOf = memoLast((modelId: string) =>
    isArchiveModel(modelId) ? trainedLanguages(modelFolder(config.modelsDir, modelId)) : undefined,
  );
  const indexing = await openIndexing({
    ...adapters,
    embedder,
    model,
    ...(following && loadModel ? { follow: { embedder: following, load: loadModel } } : {}),
    analyze: adapters.analyze ?? analyzeArticle,
    modelCovers: (language) =>
      modelCoversLanguage(
        embedder.modelId,
        language,
        trainedOf(embedder.modelId),
        config.archiveMinArticles,
      ),
    log,
    changingModel: pendingModelChange !== undefined,
    ...(options.listWorkersWhen ? { listWorkersWhen: options.listWorkersWhen } : {}),
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
        indexing.writable();
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
      model: indexing.model().modelId,
      dimensions: indexing.model().dimensions,
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

/** `compute` remembered for the last key it was called with. */
function memoLast<V>(compute: (key: string) => V): (key: string) => V {
  let last: { key: string; value: V } | undefined;
  return (key) => {
    if (last?.key !== key) {
      last = { key, value: compute(key) };
    }
    return last.value;
  };
}
