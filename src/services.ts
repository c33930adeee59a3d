/**
 * The service graph: `buildServices(config)` is the only place adapters are constructed (SQLite
 * store, HNSW index snapshots, transformers.js embedder, lexical index) and wired into the use
 * cases. Edges (HTTP, CLI) receive a `Services` and never construct an adapter themselves.
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
import { type ArticleTerms, analyzeArticle } from './lexical/analyze.js';
import type { LexicalIndex } from './lexical/lexical-index.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
  type LexicalSnapshots,
} from './lexical/lexical-snapshot.js';
import {
  buildLexicalIndex,
  openLexicalIndex,
  openLexicalSteps,
} from './lexical/lexical-snapshot-open.js';
import type { MemoryLexicalIndex } from './lexical/memory-lexical-index.js';
import { type PackedTerms, unpackTerms } from './lexical/packed-terms.js';
import {
  createThreadPoolWorkers,
  type PreparedCopies,
} from './list-workers/thread-pool-workers.js';
import { createListsSnapshots, LISTS_SNAPSHOT_FILE } from './lists/lists-snapshot.js';
import { createIndexKeeper, type IndexKeeper } from './recommend/index-keeper.js';
import { type OpenedIndex, openIndex, openIndexSteps } from './recommend/index-lifecycle.js';
import { createIngest } from './recommend/ingest.js';
import type { WorkersWhen } from './recommend/list-parallel.js';
import {
  createMaterialisedLists,
  type ListsSnapshots,
  type MaterialisedLists,
} from './recommend/materialised-lists.js';
import { createOverrides } from './recommend/overrides.js';
import type { PoolWorkers } from './recommend/pool-workers.js';
import { rebuiltOnSwap } from './recommend/rebuilt-on-swap.js';
import { createRelated } from './recommend/related.js';
import type { IngestService, OverridesService, RelatedService } from './recommend/types.js';
import { runStepsYielding } from './steps.js';
import type { ArticleStore, VectorModel } from './store/article-store.js';
import { createSqliteStore } from './store/sqlite-store.js';
import { withWatchedGeneration } from './store/watched-generation.js';
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
  /** The vector index; reads catch up with writes of other processes first. */
  readonly index: VectorIndex;
  readonly lexical: LexicalIndex;
  readonly embedder: Embedder;
  readonly related: RelatedService;
  /** The materialised lists behind `related` (versions for rendered answers, progress). */
  readonly lists: MaterialisedLists;
  readonly ingest: IngestService;
  readonly overrides: OverridesService;
  /** Keeps the indexes in step with the store; rebuilds and saves snapshots. */
  readonly indexing: IndexKeeper;
  /** The model the store holds when it differs from the embedder's (only with `allowModelChange`). */
  readonly pendingModelChange: VectorModel | undefined;
  /**
   * Settles when the model is loaded (it may load in the background after the indexes; see
   * buildServices): the service is ready, in the sense of GET /readyz, once both are.
   */
  readonly modelLoaded: Promise<void>;
  stats(): Stats;
  /** Saves the index snapshot and releases every handle. */
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
  /** Indexes already opened for the store and embedder (by `buildServices`, yielding). */
  readonly opened?: { readonly index: OpenedIndex; readonly lexical: MemoryLexicalIndex };
}

/** What `buildServicesFrom` wires: the adapters, made by `buildServices` or by a test. */
export interface Adapters {
  readonly store: ArticleStore;
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
  /**
   * Worker threads for a large backlog of lists, over copies that `prepare` saves; without
   * them, every list is computed on the main thread.
   */
  readonly listWorkers?: (prepare: () => PreparedCopies) => PoolWorkers;
}

/** Builds the production graph over `config.dataDir` and the configured model. */
export async function buildServices(config: Config, options: BuildOptions = {}): Promise<Services> {
  const store = createSqliteStore({ dataDir: config.dataDir });
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
    const snapshots = createIndexSnapshots(join(config.dataDir, 'index'));
    const lexicalSnapshots = createLexicalSnapshots(
      join(config.dataDir, 'index', LEXICAL_SNAPSHOT_FILE),
    );
    const listsSnapshots = createListsSnapshots(join(config.dataDir, 'index', LISTS_SNAPSHOT_FILE));
    const listWorkers =
      config.listThreads > 0
        ? (prepare: () => PreparedCopies) =>
            createThreadPoolWorkers({
              threads: config.listThreads,
              dataDir: config.dataDir,
              modelId: embedder.modelId,
              dimensions: embedder.dimensions,
              prepare,
              log: options.log ?? logToStderr,
            })
        : undefined;
    const adapters = {
      store,
      embedder,
      snapshots,
      lexicalSnapshots,
      listsSnapshots,
      listWorkers,
      analyze,
      modelLoaded,
    };
    const opened = await openIndexesYielding(adapters, options);
    return buildServicesFrom(config, adapters, { ...options, opened });
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Opens the indexes for a store that already holds the embedder's model, yielding to the event
 * loop while a rebuild runs, so /healthz and /readyz answer during a long start. Undefined for
 * any other store: `buildServicesFrom` then decides (a model change, MODEL_MISMATCH).
 */
async function openIndexesYielding(
  adapters: Adapters,
  options: BuildOptions,
): Promise<BuildOptions['opened']> {
  const { store, embedder, snapshots } = adapters;
  const stored = store.vectorModel();
  if (stored?.modelId !== embedder.modelId || stored.dimensions !== embedder.dimensions) {
    return undefined;
  }
  const log = options.log ?? logToStderr;
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const index = await runStepsYielding(openIndexSteps({ store, snapshots, log }, stored), pause);
  const lexical = await runStepsYielding(
    openLexicalSteps({ store, snapshots: adapters.lexicalSnapshots, log }),
    pause,
  );
  return { index, lexical };
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
  const stored = store.vectorModel();
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

/** Wires the use cases over `adapters`: claims the model, opens the indexes. */
export function buildServicesFrom(
  config: Config,
  adapters: Adapters,
  options: BuildOptions = {},
): Services {
  const { embedder, snapshots } = adapters;
  // Reads check the store's generation (other processes' writes) at most every 100 ms.
  const store = withWatchedGeneration(adapters.store);
  const log = options.log ?? logToStderr;
  const model: VectorModel = { modelId: embedder.modelId, dimensions: embedder.dimensions };
  const pendingModelChange = claimModel(store, model, options.allowModelChange ?? false);
  const lifecycle = { store, snapshots, log };
  const opened: OpenedIndex = pendingModelChange
    ? {
        index: snapshots.create(model.dimensions, 1024),
        generation: store.generation(),
        source: 'rebuilt',
      }
    : (options.opened?.index ?? openIndex(lifecycle, model));
  let lexical =
    options.opened?.lexical ??
    openLexicalIndex({ store, snapshots: adapters.lexicalSnapshots, log });
  const buildLexical = () => {
    lexical = buildLexicalIndex(store);
    return lexical;
  };
  const keeper = createIndexKeeper({ ...lifecycle, lexical, buildLexical, model }, opened);
  const indexing: IndexKeeper = {
    ...keeper,
    save() {
      const meta = keeper.save();
      // Saved with the vector snapshot, at the generation both indexes reflect; skipped when the
      // counts disagree (the older lexical snapshot then catches up or is rebuilt at start).
      if (lexical.size() === store.count()) {
        adapters.lexicalSnapshots?.save(lexical, meta.generation);
      }
      return meta;
    },
  };
  const { index } = indexing;
  // After any index swap (a rebuild after damage, a change-log gap, `reindex --full`) the related
  // service is made anew and every list recomputed under the new index, so nothing derived from
  // the old one (the score background, pools ranked on damaged vectors) outlives it.
  const related = rebuiltOnSwap(
    () =>
      createRelated({
        store,
        index,
        embedder,
        lexical: indexing.lexical,
        modelCovers: (language) => modelCoversLanguage(embedder.modelId, language),
      }),
    indexing.swaps,
  );
  const listStatistics = () => `${related.statistics().token}/${indexing.swaps()}`;
  // The copies list workers load: the snapshots saved now, and the statistics to match.
  const prepare = (): PreparedCopies => {
    const { generation } = indexing.save();
    const { token, background } = related.statistics();
    return { generation, statistics: listStatistics(), token, background };
  };
  const lists = createMaterialisedLists({
    related,
    store,
    statistics: listStatistics,
    workers: pendingModelChange ? undefined : adapters.listWorkers?.(prepare),
    workersWhen: options.listWorkersWhen,
    ids: () => indexedIds(index),
    alive: (id) => index.has(id),
    snapshots: adapters.listsSnapshots,
    log,
  });
  const ingest = notifying(
    createIngest({
      store,
      embedder,
      index,
      lexical: indexing.lexical,
      analyze: adapters.analyze ?? analyzeArticle,
      sync: (written) => indexing.sync(written),
    }),
    () => lists.changed(),
  );
  let closed = false;
  // The snapshot's checksums are checked after start-up; damaged files mean a rebuild.
  opened.verify?.().then((damage) => {
    if (damage && !closed) {
      log(`index: ${damage}; rebuilding from the store`);
      indexing.rebuild(damage);
    }
  }, log);
  return {
    config,
    store,
    index,
    lexical: indexing.lexical,
    embedder,
    related: lists,
    lists,
    ingest,
    overrides: notifyingOverrides(createOverrides({ store }), () => lists.changed()),
    indexing,
    pendingModelChange,
    modelLoaded: adapters.modelLoaded ?? Promise.resolve(),
    stats: () => ({
      articles: store.count(),
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
      lists.stop();
      try {
        if (!pendingModelChange && store.vectorModel()?.modelId === model.modelId) {
          indexing.save();
          lists.save();
        }
      } finally {
        store.close();
        await embedder.dispose();
      }
    },
  };
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Every indexed article id. */
function* indexedIds(index: VectorIndex): Generator<string> {
  for (const entry of index.vectors()) {
    yield entry.id;
  }
}

/** `ingest` that calls `changed` after every write. */
function notifying(ingest: IngestService, changed: () => void): IngestService {
  return {
    async upsert(articles) {
      try {
        return await ingest.upsert(articles);
      } finally {
        changed();
      }
    },
    remove(id) {
      const removed = ingest.remove(id);
      changed();
      return removed;
    },
  };
}

/** `overrides` that calls `changed` after every change. */
function notifyingOverrides(overrides: OverridesService, changed: () => void): OverridesService {
  return {
    get: (id) => overrides.get(id),
    set(id, value) {
      const set = overrides.set(id, value);
      changed();
      return set;
    },
  };
}

/** URL of the module `path` (relative to src/) with this module's extension (.ts under tsx). */
function siblingModule(path: string): string {
  const extension = extname(fileURLToPath(import.meta.url));
  return new URL(`./${path}${extension}`, import.meta.url).href;
}

function claimModel(
  store: ArticleStore,
  model: VectorModel,
  allowChange: boolean,
): VectorModel | undefined {
  const stored = store.vectorModel();
  const differs =
    stored !== undefined &&
    (stored.modelId !== model.modelId || stored.dimensions !== model.dimensions);
  if (differs && allowChange) {
    return stored;
  }
  store.claimVectorModel(model);
  return undefined;
}
