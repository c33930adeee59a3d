/**
 * Every write of the SQLite store, each one transaction that also bumps the generation and logs
 * the changed ids, so another process sharing the data folder can catch its index up.
 *
 * Each begins IMMEDIATE: it takes the write lock before its first read. A deferred transaction
 * that reads first and then wants to write cannot wait for another process's writer (SQLite
 * answers SQLITE_BUSY at once, busy_timeout notwithstanding, since its read snapshot would be
 * stale); an immediate one waits up to busy_timeout for the lock and then sees the latest data.
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
import type { SqliteMeta } from './sqlite-meta.js';
import { CHANGE_LOG_KEEP, type SqlDatabase, type SqlTransaction } from './sqlite-schema.js';
import { vectorToBlob } from './vector-codec.js';

const FLOOR_KEY = 'changes_floor';

export interface SqliteWrites {
  upsertMany(records: readonly ArticleRecord[]): UpsertResult;
  delete(id: string): boolean;
  setOverrides(id: string, overrides: Overrides): void;
  replaceVectors(model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): void;
  changesSince(generation: number): StoreChanges | undefined;
}

/** `transaction` run as BEGIN IMMEDIATE (see the module comment). */
function immediate<A extends unknown[], R>(transaction: SqlTransaction<A, R>): (...args: A) => R {
  return (...args) => transaction.immediate(...args);
}

/** The write operations over `db`. */
export function createSqliteWrites(db: SqlDatabase, meta: SqliteMeta): SqliteWrites {
  const s = {
    exists: db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
    upsert: db.prepare(`INSERT INTO articles (id, json, title, text_hash, vector, terms, model_id)
      VALUES (@id, @json, @title, @hash, @vector, @terms, @model)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json, title = excluded.title,
        text_hash = excluded.text_hash, vector = excluded.vector, terms = excluded.terms,
        model_id = excluded.model_id`),
    header: db.prepare(`INSERT INTO headers (id, json) VALUES (?, ?)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json`),
    deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
    deleteHeader: db.prepare('DELETE FROM headers WHERE id = ?'),
    deleteOverrides: db.prepare('DELETE FROM overrides WHERE id = ?'),
    setOverrides: db.prepare(`INSERT INTO overrides (id, pinned, blocked) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET pinned = excluded.pinned, blocked = excluded.blocked`),
    log: db.prepare('INSERT INTO changes (generation, id, kind) VALUES (?, ?, ?)'),
    since: db.prepare('SELECT DISTINCT id FROM changes WHERE generation > ? AND kind = ?').pluck(),
    logSize: db.prepare('SELECT count(*) FROM changes').pluck(),
    pruneBelow: db
      .prepare('SELECT generation FROM changes ORDER BY generation DESC LIMIT 1 OFFSET ?')
      .pluck(),
    prune: db.prepare('DELETE FROM changes WHERE generation <= ?'),
    allIds: db.prepare('SELECT id FROM articles').pluck(),
    setVector: db.prepare('UPDATE articles SET vector = ?, model_id = ? WHERE id = ?'),
  };

  const logChanges = (ids: readonly string[], kind: 'article' | 'overrides'): number => {
    const generation = meta.bumpGeneration();
    for (const id of ids) {
      s.log.run(generation, id, kind);
    }
    if (generation % 100 === 0) {
      pruneLog();
    }
    return generation;
  };
  const pruneLog = () => {
    if (Number(s.logSize.get()) <= CHANGE_LOG_KEEP) {
      return;
    }
    const cut = Number(s.pruneBelow.get(CHANGE_LOG_KEEP));
    s.prune.run(cut);
    meta.set(FLOOR_KEY, String(cut));
  };

  const upsertMany = db.transaction((records: readonly ArticleRecord[]): UpsertResult => {
    const model = meta.model();
    const created: string[] = [];
    const updated: string[] = [];
    for (const record of records) {
      const { article } = record;
      if (model && record.vector.length !== model.dimensions) {
        throw new AppError(
          'DIMENSION_MISMATCH',
          `Vector of ${article.id} has ${record.vector.length} dimensions; the store holds ${model.dimensions}`,
        );
      }
      (s.exists.get(article.id) === undefined ? created : updated).push(article.id);
      s.upsert.run({
        id: article.id,
        json: JSON.stringify(article),
        title: article.title,
        hash: record.textHash,
        vector: vectorToBlob(Float32Array.from(record.vector)),
        terms: JSON.stringify(record.terms),
        model: model?.modelId ?? '',
      });
      s.header.run(article.id, JSON.stringify(headerOf(article)));
    }
    if (records.length === 0) {
      return { created, updated };
    }
    return { created, updated, generation: logChanges([...created, ...updated], 'article') };
  });

  const remove = db.transaction((id: string): boolean => {
    const existed = s.deleteArticle.run(id).changes > 0;
    s.deleteHeader.run(id);
    s.deleteOverrides.run(id);
    if (existed) {
      logChanges([id], 'article');
    }
    return existed;
  });

  const setOverrides = db.transaction((id: string, overrides: Overrides): void => {
    s.setOverrides.run(id, JSON.stringify(overrides.pinned), JSON.stringify(overrides.blocked));
    logChanges([id], 'overrides');
  });

  const replaceVectors = db.transaction(
    (model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): void => {
      const ids = s.allIds.all() as string[];
      for (const id of ids) {
        const vector = vectors.get(id);
        if (!vector || vector.length !== model.dimensions) {
          throw new AppError(
            'DIMENSION_MISMATCH',
            `No ${model.dimensions}-dimension vector for ${id}`,
          );
        }
        s.setVector.run(vectorToBlob(vector), model.modelId, id);
      }
      meta.setModel(model);
      logChanges(ids, 'article');
    },
  );

  return {
    upsertMany: immediate(upsertMany),
    delete: immediate(remove),
    setOverrides: immediate(setOverrides),
    replaceVectors: immediate(replaceVectors),
    changesSince(generation) {
      const floor = Number(meta.get(FLOOR_KEY) ?? '0');
      if (generation < floor) {
        return undefined;
      }
      const current = meta.generation();
      const articleIds = s.since.all(generation, 'article') as string[];
      const overrideIds = s.since.all(generation, 'overrides') as string[];
      return { generation: current, articleIds, overrideIds };
    },
  };
}
