/**
 * The meta table of the PostgreSQL store: key/value pairs and the model record (a meta key, as
 * in the SQLite store, so `migrate --to` copies it as it is).
 */
import type { VectorModel } from './article-store.js';
import type { PgQueryable } from './postgres-client.js';
import { modelMismatch } from './sqlite-meta.js';

const MODEL_KEY = 'vector_model';

/** The value of `key`, or undefined. */
export async function getMeta(db: PgQueryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query('SELECT value FROM meta WHERE key = $1', [key]);
  const value = rows[0]?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Sets `key` to `value`. */
export async function setMeta(db: PgQueryable, key: string, value: string): Promise<void> {
  await db.query(
    `INSERT INTO meta (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [key, value],
  );
}

/** The model the stored vectors belong to. */
export async function modelOf(db: PgQueryable): Promise<VectorModel | undefined> {
  const json = await getMeta(db, MODEL_KEY);
  return json === undefined ? undefined : (JSON.parse(json) as VectorModel);
}

/** Records `model` as the stored vectors' model. */
export async function setModel(db: PgQueryable, model: VectorModel): Promise<void> {
  await setMeta(
    db,
    MODEL_KEY,
    JSON.stringify({ modelId: model.modelId, dimensions: model.dimensions }),
  );
}

/**
 * Records `model` unless another is recorded (then MODEL_MISMATCH). Two servers claiming at once
 * on an empty store: the first insert wins and the second compares against it.
 */
export async function claimModel(db: PgQueryable, model: VectorModel): Promise<void> {
  const json = JSON.stringify({ modelId: model.modelId, dimensions: model.dimensions });
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    MODEL_KEY,
    json,
  ]);
  const stored = await modelOf(db);
  if (stored && (stored.modelId !== model.modelId || stored.dimensions !== model.dimensions)) {
    throw modelMismatch(stored, model);
  }
}
