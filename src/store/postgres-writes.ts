/**
 * Every write of the PostgreSQL store: one transaction each, acknowledged only after COMMIT,
 * that also logs the changed ids under a new generation and notifies the other servers (the
 * NOTIFY is delivered at commit). Batches are written with one statement per table (`unnest` of
 * arrays), so a batch of a thousand costs a few round trips, not thousands.
 */
import { headerOf } from '../articles/article.js';
import { AppError } from '../errors.js';
import type {
  ArticleRecord,
  Overrides,
  StoreChanges,
  UpsertResult,
  VectorModel,
} from './article-store.js';
import type { PgPool, PgQueryable } from './postgres-client.js';
import { modelOf, setModel } from './postgres-meta.js';
import { CHANGE_LOG_KEEP, CHANGES_CHANNEL } from './postgres-schema.js';
import { vectorToBlob } from './vector-codec.js';

/** Bumps the generation, logs `ids` under it and notifies at commit; returns the generation. */
async function logChanges(
  tx: PgQueryable,
  ids: readonly string[],
  kind: 'article' | 'overrides',
): Promise<number> {
  const { rows } = await tx.query(
    `WITH g AS (UPDATE store_state SET generation = generation + 1 RETURNING generation),
       logged AS (INSERT INTO changes (generation, id, kind)
         SELECT g.generation, u.id, $2 FROM g, unnest($1::text[]) AS u(id))
     SELECT generation, pg_notify($3, generation::text) FROM g`,
    [ids, kind, CHANGES_CHANNEL],
  );
  const generation = Number(rows[0]?.generation);
  if (generation % 100 === 0) {
    await pruneLog(tx);
  }
  return generation;
}

/** Keeps the newest CHANGE_LOG_KEEP rows; the floor says how far back a catch-up can reach. */
async function pruneLog(tx: PgQueryable): Promise<void> {
  const { rows } = await tx.query(
    'SELECT generation FROM changes ORDER BY generation DESC LIMIT 1 OFFSET $1',
    [CHANGE_LOG_KEEP],
  );
  const cut = rows[0]?.generation;
  if (cut !== undefined) {
    await tx.query('DELETE FROM changes WHERE generation <= $1', [cut]);
    await tx.query('UPDATE store_state SET floor = $1', [cut]);
  }
}

function dimensionMismatch(id: string, got: number, want: number): AppError {
  return new AppError(
    'DIMENSION_MISMATCH',
    `Vector of ${id} has ${got} dimensions; the store holds ${want}`,
  );
}

/** Created and updated ids in batch order, as the SQLite store reports them (repeats update). */
function classify(records: readonly ArticleRecord[], existing: ReadonlySet<string>): UpsertResult {
  const seen = new Set(existing);
  const created: string[] = [];
  const updated: string[] = [];
  for (const { article } of records) {
    (seen.has(article.id) ? updated : created).push(article.id);
    seen.add(article.id);
  }
  return { created, updated };
}

async function upsertIn(tx: PgQueryable, records: readonly ArticleRecord[]): Promise<UpsertResult> {
  // Article writes take the generation's row first (held to commit), so two servers writing the
  // same ids in different orders wait for each other instead of deadlocking on the rows; the
  // later commit is the later generation, and its values stay.
  await tx.query('SELECT generation FROM store_state FOR UPDATE');
  const model = await modelOf(tx);
  for (const record of records) {
    if (model && record.vector.length !== model.dimensions) {
      throw dimensionMismatch(record.article.id, record.vector.length, model.dimensions);
    }
  }
  const ids = records.map((r) => r.article.id);
  const found = await tx.query('SELECT id FROM articles WHERE id = ANY($1::text[])', [ids]);
  const result = classify(records, new Set(found.rows.map((row) => String(row.id))));
  // The last record of an id wins, as when the batch is written one by one.
  const last = [...new Map(records.map((r) => [r.article.id, r])).values()];
  await tx.query(
    `INSERT INTO articles (id, json, header, title, text_hash, vector, terms, model_id)
     SELECT u.*, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::bytea[], $7::text[]) AS u
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, header = excluded.header,
       title = excluded.title, text_hash = excluded.text_hash, vector = excluded.vector,
       terms = excluded.terms, model_id = excluded.model_id`,
    [
      last.map((r) => r.article.id),
      last.map((r) => JSON.stringify(r.article)),
      last.map((r) => JSON.stringify(headerOf(r.article))),
      last.map((r) => r.article.title),
      last.map((r) => r.textHash),
      last.map((r) => vectorToBlob(Float32Array.from(r.vector))),
      last.map((r) => JSON.stringify(r.terms)),
      model?.modelId ?? '',
    ],
  );
  const generation = await logChanges(tx, [...new Set(ids)], 'article');
  return { ...result, generation };
}

async function replaceIn(
  tx: PgQueryable,
  model: VectorModel,
  vectors: ReadonlyMap<string, Float32Array>,
): Promise<void> {
  const { rows } = await tx.query('SELECT id FROM articles ORDER BY seq');
  const ids = rows.map((row) => String(row.id));
  for (const id of ids) {
    const vector = vectors.get(id);
    if (!vector || vector.length !== model.dimensions) {
      throw new AppError('DIMENSION_MISMATCH', `No ${model.dimensions}-dimension vector for ${id}`);
    }
  }
  await tx.query(
    `UPDATE articles a SET vector = u.vector, model_id = $3
     FROM unnest($1::text[], $2::bytea[]) AS u(id, vector) WHERE a.id = u.id`,
    [ids, ids.map((id) => vectorToBlob(vectors.get(id) as Float32Array)), model.modelId],
  );
  await setModel(tx, model);
  await logChanges(tx, ids, 'article');
}

/** The write operations of the PostgreSQL store. */
export interface PostgresWrites {
  upsertMany(records: readonly ArticleRecord[]): Promise<UpsertResult>;
  delete(id: string): Promise<boolean>;
  setOverrides(id: string, overrides: Overrides): Promise<void>;
  replaceVectors(model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): Promise<void>;
  changesSince(generation: number): Promise<StoreChanges | undefined>;
}

/** The writes over `pool`. */
export function createPostgresWrites(pool: PgPool): PostgresWrites {
  return {
    upsertMany: async (records) =>
      records.length === 0
        ? { created: [], updated: [] }
        : pool.transaction((tx) => upsertIn(tx, records)),
    delete: (id) =>
      pool.transaction(async (tx) => {
        const gone = await tx.query('DELETE FROM articles WHERE id = $1', [id]);
        await tx.query('DELETE FROM overrides WHERE id = $1', [id]);
        if ((gone.rowCount ?? 0) === 0) {
          return false;
        }
        await logChanges(tx, [id], 'article');
        return true;
      }),
    setOverrides: (id, overrides) =>
      pool.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO overrides (id, pinned, blocked) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET pinned = excluded.pinned, blocked = excluded.blocked`,
          [id, JSON.stringify(overrides.pinned), JSON.stringify(overrides.blocked)],
        );
        await logChanges(tx, [id], 'overrides');
      }),
    replaceVectors: (model, vectors) => pool.transaction((tx) => replaceIn(tx, model, vectors)),
    async changesSince(generation) {
      // One statement, so one snapshot: the ids and the generation agree.
      const { rows } = await pool.query(
        `SELECT s.generation, s.floor,
           ARRAY(SELECT DISTINCT id FROM changes WHERE generation > $1 AND kind = 'article') AS a,
           ARRAY(SELECT DISTINCT id FROM changes WHERE generation > $1 AND kind = 'overrides') AS o
         FROM store_state s`,
        [generation],
      );
      const row = rows[0] ?? {};
      if (generation < Number(row.floor)) {
        return undefined;
      }
      return {
        generation: Number(row.generation),
        articleIds: row.a as string[],
        overrideIds: row.o as string[],
      };
    },
  };
}
