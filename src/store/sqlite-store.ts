/**
 * SqliteStore: the ArticleStore in one SQLite file (better-sqlite3, WAL) inside the data folder.
 * The source of truth: articles as JSON, the hash of their embedding text, their vectors as
 * Float32 BLOBs, lexical terms, the model record, overrides, metadata and a change log whose
 * last generation is the store's `generation()`. The only file that imports better-sqlite3.
 * `backup(to)` copies it with SQLite's online backup, consistent while other processes write.
 * Synchronous underneath (`SyncArticleStore`), offered as the asynchronous role by `asyncStore`;
 * whole-store iterations read in pages by rowid, so no cursor stays open between pages (a write
 * on the connection would fail while one is).
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleHeader } from '../articles/article.js';
import { AppError } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { ArticleRecord, LocalArticleStore, Overrides } from './article-store.js';
import { createSqliteMeta, modelMismatch } from './sqlite-meta.js';
import { BACKFILL_HEADERS, PRAGMAS, SCHEMA } from './sqlite-schema.js';
import { searchTitles } from './sqlite-search.js';
import { createSqliteWrites, type SqliteWrites } from './sqlite-writes.js';
import { guardWrite } from './storage-error.js';
import { STORE_FILE } from './store-file.js';
import { asyncStore, type SyncArticleStore } from './sync-store.js';
import { blobToVector } from './vector-codec.js';

export { STORE_FILE };

export interface SqliteStoreOptions {
  /** The data folder; created when missing. */
  readonly dataDir: string;
}

type Row = Record<string, unknown>;

/** Rows read per page of a whole-store iteration. */
const PAGE = 256;

/** Opens (creating when needed) the store in `dataDir`; throws STORAGE_FAILED naming the path. */
export function createSqliteStore(options: SqliteStoreOptions): LocalArticleStore {
  return asyncStore(createSqliteCore(options));
}

/** The synchronous store over `dataDir` (see `createSqliteStore`). */
export function createSqliteCore(options: SqliteStoreOptions): SyncArticleStore {
  const db = openDatabase(options.dataDir);
  const meta = createSqliteMeta(db);
  const file = join(options.dataDir, STORE_FILE);
  const writes = guardWrites(file, createSqliteWrites(db, meta));
  const q = {
    get: db.prepare('SELECT json FROM articles WHERE id = ?').pluck(),
    vector: db.prepare('SELECT vector FROM articles WHERE id = ?').pluck(),
    terms1: db.prepare('SELECT terms FROM articles WHERE id = ?').pluck(),
    hash: db.prepare('SELECT text_hash FROM articles WHERE id = ?').pluck(),
    count: db.prepare('SELECT count(*) FROM articles').pluck(),
    vectors: db.prepare(
      'SELECT rowid AS n, id, vector FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    articles: db.prepare(
      'SELECT rowid AS n, json FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    terms: db.prepare(
      'SELECT rowid AS n, id, terms FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    scan: db.prepare(
      'SELECT rowid AS n, id, vector, terms FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    scanArticles: db.prepare(
      'SELECT rowid AS n, id, vector, terms, json FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    allOverrides: db.prepare(
      'SELECT rowid AS n, id, pinned, blocked FROM overrides WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    overrides: db.prepare('SELECT pinned, blocked FROM overrides WHERE id = ?'),
    headers: db.prepare(
      'SELECT id, json AS header FROM headers WHERE id IN (SELECT value FROM json_each(?))',
    ),
  };

  return {
    get: (id) => parseArticle(q.get.get(id)),
    getMany(ids) {
      const found = new Map<string, Article>();
      for (const id of ids) {
        const article = parseArticle(q.get.get(id));
        if (article) {
          found.set(id, article);
        }
      }
      return found;
    },
    getHeaders(ids) {
      const found = new Map<string, ArticleHeader>();
      for (const row of q.headers.iterate(JSON.stringify(ids)) as IterableIterator<Row>) {
        found.set(String(row.id), JSON.parse(String(row.header)) as ArticleHeader);
      }
      return found;
    },
    getVector(id) {
      const blob = q.vector.get(id);
      return blob instanceof Uint8Array ? blobToVector(blob) : undefined;
    },
    getTerms(id) {
      const json = q.terms1.get(id);
      return typeof json === 'string' ? (JSON.parse(json) as TermWeights) : undefined;
    },
    textHashes(ids) {
      const hashes = new Map<string, string>();
      for (const id of ids) {
        const hash = q.hash.get(id);
        if (typeof hash === 'string') {
          hashes.set(id, hash);
        }
      }
      return hashes;
    },
    upsertMany: (records: readonly ArticleRecord[]) => writes.upsertMany(records),
    delete: (id) => writes.delete(id),
    count: () => Number(q.count.get()),
    vectors: () =>
      pages(q.vectors, (row) => ({
        id: String(row.id),
        vector: blobToVector(row.vector as Uint8Array),
      })),
    articles: () => pages(q.articles, (row) => JSON.parse(String(row.json)) as Article),
    terms: () =>
      pages(q.terms, (row) => ({
        id: String(row.id),
        terms: JSON.parse(String(row.terms)) as TermWeights,
      })),
    scan: (options) =>
      pages(options.articles ? q.scanArticles : q.scan, (row) => ({
        id: String(row.id),
        vector: blobToVector(row.vector as Uint8Array),
        terms: String(row.terms),
        ...(options.articles ? { json: String(row.json) } : {}),
      })),
    overrides: () =>
      pages(q.allOverrides, (row) => ({ id: String(row.id), overrides: overridesOf(row) })),
    searchTitles: (query, limit) => searchTitles(db, query, limit),
    backup: (to) => backupTo(db, to),
    getOverrides(id) {
      const row = q.overrides.get(id) as Row | undefined;
      return row ? overridesOf(row) : { pinned: [], blocked: [] };
    },
    setOverrides: (id, overrides: Overrides) => writes.setOverrides(id, overrides),
    vectorModel: () => meta.model(),
    claimVectorModel(model) {
      const stored = meta.model();
      if (stored && (stored.modelId !== model.modelId || stored.dimensions !== model.dimensions)) {
        throw modelMismatch(stored, model);
      }
      if (!stored) {
        meta.setModel(model);
      }
    },
    getMeta: (key) => meta.get(key),
    setMeta: guardWrite(file, (key: string, value: string) => meta.set(key, value)),
    generation: () => meta.generation(),
    changesSince: (generation) => writes.changesSince(generation),
    replaceVectors: (model, vectors) => writes.replaceVectors(model, vectors),
    close() {
      if (db.open) {
        db.close();
      }
    },
  };
}

/** Every write with full disks, read-only files and I/O errors reported as STORAGE_FAILED. */
function guardWrites(file: string, writes: SqliteWrites): SqliteWrites {
  return {
    upsertMany: guardWrite(file, writes.upsertMany),
    delete: guardWrite(file, writes.delete),
    setOverrides: guardWrite(file, writes.setOverrides),
    replaceVectors: guardWrite(file, writes.replaceVectors),
    changesSince: writes.changesSince,
  };
}

/** Fills the headers table of a store written before it existed (a no-op once done). */
function backfillHeaders(db: Database.Database): void {
  const missing = db
    .prepare('SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM headers)')
    .pluck()
    .get();
  if (Number(missing) > 0 && !db.readonly) {
    db.exec(BACKFILL_HEADERS);
  }
}

function openDatabase(dataDir: string): Database.Database {
  const file = join(dataDir, STORE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(file);
    for (const pragma of PRAGMAS) {
      db.pragma(pragma);
    }
    db.exec(SCHEMA);
    backfillHeaders(db);
    return db;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('STORAGE_FAILED', `Cannot open the store at ${file}: ${reason}`, {
      cause: error,
    });
  }
}

function overridesOf(row: Row): Overrides {
  return {
    pinned: JSON.parse(String(row.pinned)) as string[],
    blocked: JSON.parse(String(row.blocked)) as string[],
  };
}

/** Every row of `statement` (keyset-paged on the rowid `n`), one page read at a time. */
function* pages<T>(statement: Database.Statement, map: (row: Row) => T): Generator<T> {
  let after = 0;
  for (;;) {
    const rows = statement.all(after, PAGE) as Row[];
    for (const row of rows) {
      yield map(row);
    }
    if (rows.length < PAGE) {
      return;
    }
    after = Number(rows[rows.length - 1]?.n);
  }
}

function parseArticle(json: unknown): Article | undefined {
  return typeof json === 'string' ? (JSON.parse(json) as Article) : undefined;
}

/**
 * SQLite's online backup of the live database into `to`: a consistent copy even while this or
 * another process writes. Written to a temporary file beside `to`, then renamed over it, so `to`
 * is never a half-written copy.
 */
async function backupTo(db: Database.Database, to: string): Promise<void> {
  const temp = `${to}.${process.pid}.tmp`;
  try {
    await db.backup(temp);
    renameSync(temp, to);
  } catch (error) {
    rmSync(temp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('STORAGE_FAILED', `Cannot write the backup to ${to}: ${reason}`, {
      cause: error,
    });
  }
}
