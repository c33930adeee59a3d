/**
 * The worker-thread entry of the list workers: opens its own read connection to the store (the
 * SQLite file, or the PostgreSQL database: then the held articles come from their snapshot) and
 * loads the vector and lexical index snapshots the main thread saved at one store generation,
 * takes over the main thread's score background, checks that all of it is what the main thread
 * ranks with (generations and statistics), says `ready`, then answers each batch of ids with
 * their ranked pools, computed by the very code the main thread runs (related.ts). A list whose
 * source is in a language the model lacks is handed back: its lexical background is sampled
 * per process, so only the main thread computes it.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../embedding/embedder.js';
import { modelCoversLanguage } from '../embedding/model-registry.js';
import { AppError } from '../errors.js';
import {
  createHeldArticles,
  createHeldSnapshots,
  HELD_SNAPSHOT_FILE,
} from '../indexing/indexing.js';
import { createLexicalSnapshots, LEXICAL_SNAPSHOT_FILE } from '../lexical/lexical-snapshot.js';
import { primaryLanguage } from '../recommend/filters.js';
import type { WorkerPool } from '../recommend/pool-workers.js';
import { createRelated, type PooledRelated } from '../recommend/related.js';
import type { ArticleStore, LocalReads } from '../store/article-store.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { createIndexSnapshots } from '../vector-index/index-snapshot.js';
import type { PoolWorkerData, PoolWorkerMessage, PoolWorkerRequest } from './protocol.js';

/** The embedder of a list worker: stored articles carry their vectors, so it never embeds. */
function storedVectorsOnly(modelId: string, dimensions: number): Embedder {
  return {
    modelId,
    dimensions,
    embed: () =>
      Promise.reject(
        new AppError('EMBEDDING_FAILED', 'A list worker ranks stored articles only, never drafts'),
      ),
    dispose: () => Promise.resolve(),
  };
}

/** The store the main thread uses: the PostgreSQL adapter is loaded only for a PostgreSQL store. */
async function openStore(data: PoolWorkerData): Promise<ArticleStore & { local?: LocalReads }> {
  if (data.storeUrl === undefined) {
    return createSqliteStore({ dataDir: data.dataDir });
  }
  const { createPostgresStore } = await import('../store/postgres-store.js');
  return createPostgresStore({ url: data.storeUrl });
}

/** Opens the copies; the reason they do not match the main thread's indexes, if any. */
async function open(
  data: PoolWorkerData,
): Promise<{ related: PooledRelated; close: () => Promise<void> } | string> {
  const store = await openStore(data);
  const close = () => store.close();
  const vectors = createIndexSnapshots(join(data.dataDir, 'index')).load();
  const lexical = createLexicalSnapshots(join(data.dataDir, 'index', LEXICAL_SNAPSHOT_FILE)).load();
  const generations = [
    await store.generation(),
    vectors.ok ? vectors.meta.generation : -1,
    lexical.ok ? lexical.generation : -1,
  ];
  if (!vectors.ok || !lexical.ok || generations.some((g) => g !== data.generation)) {
    await close();
    return `store, vector and lexical snapshot generations ${generations.join(', ')}, not ${data.generation}`;
  }
  // The articles and overrides as the main thread's room holds them (read from this store).
  const held = createHeldArticles(store.local, {
    snapshots: createHeldSnapshots(join(data.dataDir, 'index', HELD_SNAPSHOT_FILE)),
  });
  await held.load(store, data.generation);
  const related = createRelated({
    store: held,
    index: vectors.index,
    lexical: lexical.index,
    embedder: storedVectorsOnly(data.modelId, data.dimensions),
    modelCovers: (language) => modelCoversLanguage(data.modelId, language),
    ...(data.settings ? { settings: data.settings } : {}),
  });
  related.restoreStatistics(data.background);
  const token = related.statistics().token;
  if (token !== data.token) {
    await close();
    return `statistics ${token}, not ${data.token}`;
  }
  return { related, close };
}

async function poolOf(related: PooledRelated, modelId: string, id: string): Promise<WorkerPool> {
  try {
    const pool = await related.pool(id);
    const language = primaryLanguage(pool.source.language);
    return modelCoversLanguage(modelId, language) ? pool : { handBack: 'lexical-only language' };
  } catch (error) {
    return { handBack: String(error) };
  }
}

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) {
    return;
  }
  const data = workerData as PoolWorkerData;
  const post = (message: PoolWorkerMessage) => port.postMessage(message);
  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(data);
  } catch (error) {
    opened = String(error);
  }
  if (typeof opened === 'string') {
    post({ type: 'failed', reason: opened });
    port.close();
    return;
  }
  const { related, close } = opened;
  port.on('message', async (request: PoolWorkerRequest) => {
    if ('stop' in request) {
      await close();
      port.close();
      return;
    }
    const pools: WorkerPool[] = [];
    for (const id of request.ids) {
      pools.push(await poolOf(related, data.modelId, id));
    }
    post({ type: 'pools', id: request.id, pools });
  });
  post({ type: 'ready' });
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', reason: String(error) } satisfies PoolWorkerMessage);
});
