/**
 * The meta table of the SQLite store: key/value pairs, the model record and the generation
 * counter (kept as meta keys so they change in the same transaction as the rows they describe).
 */
import { AppError } from '../errors.js';
import type { VectorModel } from './article-store.js';
import type { SqlDatabase } from './sqlite-schema.js';

const MODEL_KEY = 'vector_model';
const GENERATION_KEY = 'generation';

export interface SqliteMeta {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  model(): VectorModel | undefined;
  setModel(model: VectorModel): void;
  generation(): number;
  /** Adds one to the generation and returns the new value (call inside a write transaction). */
  bumpGeneration(): number;
}

/** Meta access over `db`. */
export function createSqliteMeta(db: SqlDatabase): SqliteMeta {
  const read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const write = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const get = (key: string): string | undefined => {
    const value = read.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const set = (key: string, value: string): void => {
    write.run(key, value);
  };
  const generation = () => Number(get(GENERATION_KEY) ?? '0');
  return {
    get,
    set,
    model() {
      const json = get(MODEL_KEY);
      return json === undefined ? undefined : (JSON.parse(json) as VectorModel);
    },
    setModel(model) {
      set(MODEL_KEY, JSON.stringify({ modelId: model.modelId, dimensions: model.dimensions }));
    },
    generation,
    bumpGeneration() {
      const next = generation() + 1;
      set(GENERATION_KEY, String(next));
      return next;
    },
  };
}

/** The MODEL_MISMATCH error, naming the command that fixes it. */
export function modelMismatch(stored: VectorModel, wanted: VectorModel): AppError {
  return new AppError(
    'MODEL_MISMATCH',
    `The data was built with ${stored.modelId} (${stored.dimensions} dimensions), not ${wanted.modelId} (${wanted.dimensions}); run \`morelike reindex --full\` to rebuild it with the new model`,
    { details: { stored, wanted } },
  );
}
