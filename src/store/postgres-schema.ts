/**
 * The PostgreSQL schema of the store as versioned migrations (plain SQL, no driver import), and
 * how they are applied: at every start, in one transaction holding an advisory lock, so two
 * servers starting at once on an empty database apply each migration exactly once (the second
 * waits for the lock, then finds the versions recorded and applies nothing).
 *
 * The layout mirrors the SQLite store: articles as JSON text with their header (the article
 * without its body), text hash, vector (Float32 little-endian bytes in `bytea`: no pgvector
 * needed, the indexes live in each server's memory), terms and model; overrides; meta; and the
 * change log whose last generation is kept in the one-row `store_state`. Every write bumps that
 * row, which serialises writers from the bump to their commit, so generations commit in order
 * and a reader that has seen generation G has seen every change up to G.
 */
import type { PgPool } from './postgres-client.js';

/** One schema step; `version` grows by one per step and is never reused. */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

/** Every migration, oldest first. Add new steps at the end; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE articles (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  json text NOT NULL,
  header text NOT NULL,
  title text NOT NULL,
  text_hash text NOT NULL,
  vector bytea NOT NULL,
  terms text NOT NULL,
  model_id text NOT NULL
);
CREATE INDEX articles_by_seq ON articles (seq);
CREATE TABLE overrides (
  id text PRIMARY KEY,
  pinned text NOT NULL,
  blocked text NOT NULL
);
CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE changes (
  generation bigint NOT NULL,
  id text NOT NULL,
  kind text NOT NULL
);
CREATE INDEX changes_by_generation ON changes (generation);
CREATE TABLE store_state (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  generation bigint NOT NULL,
  floor bigint NOT NULL
);
INSERT INTO store_state (generation, floor) VALUES (0, 0);
`,
  },
];

/** The channel every write notifies at commit, with the new generation as payload. */
export const CHANGES_CHANNEL = 'morelike_changes';

/** Change-log rows kept; a catch-up from before the floor rebuilds instead (as in SQLite). */
export const CHANGE_LOG_KEEP = 200_000;

/** Arbitrary but fixed key of the advisory lock that migrations hold. */
const MIGRATION_LOCK = 7_301_917;

/** Applies the migrations the database lacks, all in one transaction; returns how many. */
export function migrate(pool: PgPool): Promise<number> {
  return pool.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await tx.query('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    const known = MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(
        `its schema is at version ${newest}, newer than this morelike knows (${known}): upgrade morelike`,
      );
    }
    const missing = MIGRATIONS.filter((m) => !applied.has(m.version));
    for (const step of missing) {
      await tx.query(step.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [step.version]);
    }
    return missing.length;
  });
}
