/**
 * Data folders for the store-sharing and snapshot tests: the real SQLite store (or a real
 * PostgreSQL database) and HNSW snapshots with the fake embedder, opened as one process's
 * services would open them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Article, parseArticle } from '../../src/articles/article.js';
import { loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { createHeldSnapshots, HELD_SNAPSHOT_FILE } from '../../src/indexing/indexing.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
} from '../../src/lexical/lexical-snapshot.js';
import { createThreadPoolWorkers } from '../../src/list-workers/thread-pool-workers.js';
import { createListsSnapshots, LISTS_SNAPSHOT_FILE } from '../../src/lists/lists-snapshot.js';
import type { WorkersWhen } from '../../src/recommend/list-parallel.js';
import type { PreparedCopies } from '../../src/recommend/pool-workers.js';
import { buildServicesFrom, type Services } from '../../src/services.js';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';
import { generatedArticle } from './generated-corpus.js';

export interface DataFolders {
  /**
   * Services over `dataDir`, logging into `lines`; with `workers`, list worker threads start
   * as `when` says; with `storeUrl`, the store is that PostgreSQL database instead of SQLite.
   */
  open(
    dataDir: string,
    lines?: string[],
    dimensions?: number,
    workers?: { readonly listThreads: number; readonly when: WorkersWhen },
    storeUrl?: string,
  ): Promise<Services>;
  /** A new, not yet created data folder. */
  freshDir(): string;
  /** A new data folder holding `count` articles and the snapshot saved when its services closed. */
  indexedFolder(count: number): Promise<string>;
  /** Generated articles `from` .. `from + count - 1`. */
  articles(from: number, count: number): Article[];
  /** Removes every folder made. */
  remove(): void;
}

/** Data folders under one temp root named with `prefix`. */
export function dataFolders(prefix: string): DataFolders {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  const open: DataFolders['open'] = async (dataDir, lines = [], dimensions = 32, workers, url) => {
    const config = Object.freeze({ ...loadConfig({}), dataDir });
    const embedder = createFakeEmbedder({ dimensions });
    const log = (line: string) => lines.push(line);
    const listWorkers = workers
      ? (prepare: () => Promise<PreparedCopies>) =>
          createThreadPoolWorkers({
            threads: workers.listThreads,
            dataDir,
            ...(url ? { storeUrl: url } : {}),
            modelId: embedder.modelId,
            dimensions,
            prepare,
            log,
          })
      : undefined;
    return buildServicesFrom(
      config,
      {
        store: url ? await createPostgresStore({ url }) : createSqliteStore({ dataDir }),
        embedder,
        snapshots: createIndexSnapshots(join(dataDir, 'index')),
        lexicalSnapshots: createLexicalSnapshots(join(dataDir, 'index', LEXICAL_SNAPSHOT_FILE)),
        listsSnapshots: createListsSnapshots(join(dataDir, 'index', LISTS_SNAPSHOT_FILE)),
        heldSnapshots: createHeldSnapshots(join(dataDir, 'index', HELD_SNAPSHOT_FILE)),
        ...(listWorkers ? { listWorkers } : {}),
      },
      { log, ...(workers ? { listWorkersWhen: workers.when } : {}) },
    );
  };
  const articles = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => parseArticle(generatedArticle(from + i)));
  const freshDir = () => {
    n += 1;
    return join(root, `data-${n}`);
  };
  return {
    open,
    freshDir,
    articles,
    async indexedFolder(count) {
      const dataDir = freshDir();
      const first = await open(dataDir);
      await first.ingest.upsert(articles(0, count));
      await first.close();
      return dataDir;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
