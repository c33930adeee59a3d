/**
 * PostgresStore: the ArticleStore in a PostgreSQL database shared by several servers
 * (`MORELIKE_STORE_URL=postgres://...`). Migrations are applied at open; every write is one
 * transaction acknowledged after COMMIT and logged under a new generation; `onChange` tells this
 * server of every other server's commits (LISTEN/NOTIFY, polling as the fallback). Each server
 * keeps its own indexes in memory and catches them up from `changesSince`. An unreachable
 * database makes reads and writes throw STORE_UNAVAILABLE (503 with Retry-After) and the pool
 * reconnects by itself; `unreachable()` tells /readyz.
 */
import { AppError } from '../errors.js';
import type { ArticleStore } from './article-store.js';
import {
  describeStoreUrl,
  openPool,
  type PgPool,
  type StoreLog,
  toStoreError,
} from './postgres-client.js';
import { claimModel, getMeta, modelOf, setMeta } from './postgres-meta.js';
import { createPostgresReads } from './postgres-reads.js';
import { migrate } from './postgres-schema.js';
import { createChangeWatch } from './postgres-watch.js';
import { createPostgresWrites } from './postgres-writes.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (the password is never logged). */
  readonly url: string;
  /** Connection events (lost, back); nothing by default. */
  readonly log?: StoreLog;
}

/** The PostgreSQL store with its connection state, for the readiness probe. */
export interface PostgresStore extends ArticleStore {
  /** Undefined while the database answers; else why it does not. */
  unreachable(): string | undefined;
}

/** Opens the store at `options.url`, applying missing migrations; STORE_UNAVAILABLE if unreachable. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const log = options.log ?? (() => undefined);
  const pool = openPool(options.url, log);
  try {
    await migrateWith(pool, options.url);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return assemble(pool, options.url, log);
}

async function migrateWith(pool: PgPool, url: string): Promise<void> {
  try {
    await migrate(pool);
  } catch (error) {
    const mapped = toStoreError(error, url);
    if (mapped instanceof AppError) {
      throw mapped;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'STORAGE_FAILED',
      `Cannot prepare the PostgreSQL store at ${describeStoreUrl(url)}: ${reason}`,
      { cause: error },
    );
  }
}

function assemble(pool: PgPool, url: string, log: StoreLog): PostgresStore {
  const reads = createPostgresReads(pool);
  const writes = createPostgresWrites(pool);
  const watch = createChangeWatch(pool, url, log);
  let closed = false;
  return {
    ...reads,
    ...writes,
    vectorModel: () => modelOf(pool),
    claimVectorModel: (model) => pool.transaction((tx) => claimModel(tx, model)),
    getMeta: (key) => getMeta(pool, key),
    setMeta: (key, value) => setMeta(pool, key, value),
    async generation() {
      const { rows } = await pool.query('SELECT generation FROM store_state');
      return Number(rows[0]?.generation ?? 0);
    },
    onChange: (listener) => watch.onChange(listener),
    unreachable: () => pool.unreachable(),
    async close() {
      if (!closed) {
        closed = true;
        await watch.close();
        await pool.end();
      }
    },
  };
}
