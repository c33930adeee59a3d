/**
 * Data folders for the store-sharing and snapshot tests: the real SQLite store and HNSW
 * snapshots with the fake embedder, opened as one process's services would open them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Article, parseArticle } from '../../src/articles/article.js';
import { loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
} from '../../src/lexical/lexical-snapshot.js';
import { createListsSnapshots, LISTS_SNAPSHOT_FILE } from '../../src/lists/lists-snapshot.js';
import { buildServicesFrom, type Services } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';
import { generatedArticle } from './generated-corpus.js';

export interface DataFolders {
  /** Services over `dataDir`, logging into `lines`. */
  open(dataDir: string, lines?: string[], dimensions?: number): Promise<Services>;
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
  const open = (dataDir: string, lines: string[] = [], dimensions = 32): Promise<Services> => {
    const config = Object.freeze({ ...loadConfig({}), dataDir });
    return buildServicesFrom(
      config,
      {
        store: createSqliteStore({ dataDir }),
        embedder: createFakeEmbedder({ dimensions }),
        snapshots: createIndexSnapshots(join(dataDir, 'index')),
        lexicalSnapshots: createLexicalSnapshots(join(dataDir, 'index', LEXICAL_SNAPSHOT_FILE)),
        listsSnapshots: createListsSnapshots(join(dataDir, 'index', LISTS_SNAPSHOT_FILE)),
      },
      { log: (line) => lines.push(line) },
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
