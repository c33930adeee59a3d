/**
 * The SQLite schema of the store and its pragmas, as plain SQL text (no driver import here, so
 * `better-sqlite3` stays confined to `sqlite-store.ts`).
 *
 * Durability: WAL with `synchronous=FULL`. WAL alone already keeps every committed transaction
 * across `kill -9` (the commit is in the WAL file before `commit` returns); FULL also fsyncs the
 * WAL at each commit, so an acknowledged write survives a power cut too. Writes are batched (one
 * transaction per batch), so the extra fsync costs little.
 */

/** Pragmas applied on every open. `busy_timeout` lets the CLI and the server share the file. */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 10000',
  'foreign_keys = ON',
  // 32 MB of page cache (default 2 MB): the narrow headers table of 100,000 articles stays hot.
  'cache_size = -32000',
] as const;

/** Bumped when the schema changes incompatibly. */
export const SCHEMA_VERSION = 1;

/**
 * `headers` holds each article without its body (what a related list reads of its ~100
 * candidates): a narrow table whose pages stay in the cache, where a lookup in the wide
 * `articles` rows costs a page read each. Written in the same transaction as `articles`.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  title TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  vector BLOB NOT NULL,
  terms TEXT NOT NULL,
  model_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS headers (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS overrides (
  id TEXT PRIMARY KEY,
  pinned TEXT NOT NULL,
  blocked TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
  generation INTEGER NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_generation ON changes (generation);
`;

/** Change-log rows kept; older ones are pruned and a catch-up from before them rebuilds instead. */
export const CHANGE_LOG_KEEP = 200_000;

/** The slice of a better-sqlite3 statement the helpers use (structural, so they need no import). */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  pluck(toggle?: boolean): SqlStatement;
}

/** The slice of a better-sqlite3 database the helpers use. */
export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): SqlTransaction<A, R>;
}

/** A better-sqlite3 transaction function: deferred when called, or `BEGIN IMMEDIATE`. */
export interface SqlTransaction<A extends unknown[], R> {
  (...args: A): R;
  immediate(...args: A): R;
}

/** Fills `headers` for stores written before it existed (one statement, once). */
export const BACKFILL_HEADERS = `
INSERT INTO headers (id, json)
SELECT id, json_remove(json, '$.body') FROM articles WHERE id NOT IN (SELECT id FROM headers)
`;
