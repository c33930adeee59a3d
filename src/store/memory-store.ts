/**
 * MemoryStore: the ArticleStore held in maps, for unit tests. Same contract as the SQLite store
 * (the shared contract suite runs against both); nothing survives the process.
 */
import { type Article, type ArticleHeader, headerOf } from '../articles/article.js';
import { AppError } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type {
  ArticleRecord,
  LocalArticleStore,
  Overrides,
  UpsertResult,
  VectorModel,
} from './article-store.js';
import { asyncStore, type SyncArticleStore } from './sync-store.js';

interface Row {
  article: Article;
  textHash: string;
  vector: Float32Array;
  terms: TermWeights;
}

const NO_OVERRIDES: Overrides = Object.freeze({ pinned: [], blocked: [] });

/** Creates an empty in-memory store (its generation watched every `periodMs`, 100 by default). */
export function createMemoryStore(periodMs?: number): LocalArticleStore {
  return asyncStore(createMemoryCore(), periodMs);
}

/** The synchronous store (see `createMemoryStore`). */
export function createMemoryCore(): SyncArticleStore {
  const rows = new Map<string, Row>();
  const overrides = new Map<string, Overrides>();
  const meta = new Map<string, string>();
  let model: VectorModel | undefined;
  let generation = 0;
  /** Change log: the generation of each article write, for `changesSince`. */
  const changes: { generation: number; id: string; overrides?: true }[] = [];
  const logChange = (ids: readonly string[]) => {
    generation += 1;
    for (const id of ids) {
      changes.push({ generation, id });
    }
  };

  return {
    get: (id) => rows.get(id)?.article,
    getMany(ids) {
      const found = new Map<string, Article>();
      for (const id of ids) {
        const row = rows.get(id);
        if (row) {
          found.set(id, row.article);
        }
      }
      return found;
    },
    getHeaders(ids) {
      const found = new Map<string, ArticleHeader>();
      for (const id of ids) {
        const row = rows.get(id);
        if (row) {
          found.set(id, headerOf(row.article));
        }
      }
      return found;
    },
    getVector: (id) => rows.get(id)?.vector,
    getTerms: (id) => rows.get(id)?.terms,
    textHashes(ids) {
      const hashes = new Map<string, string>();
      for (const id of ids) {
        const row = rows.get(id);
        if (row) {
          hashes.set(id, row.textHash);
        }
      }
      return hashes;
    },
    upsertMany(records: readonly ArticleRecord[]): UpsertResult {
      const created: string[] = [];
      const updated: string[] = [];
      for (const record of records) {
        if (model && record.vector.length !== model.dimensions) {
          throw new AppError(
            'DIMENSION_MISMATCH',
            `Vector of ${record.article.id} has ${record.vector.length} dimensions; the store holds ${model.dimensions}`,
          );
        }
      }
      for (const record of records) {
        const { id } = record.article;
        (rows.has(id) ? updated : created).push(id);
        rows.set(id, {
          article: record.article,
          textHash: record.textHash,
          vector: Float32Array.from(record.vector),
          terms: record.terms,
        });
      }
      if (records.length === 0) {
        return { created, updated };
      }
      logChange([...created, ...updated]);
      return { created, updated, generation };
    },
    delete(id) {
      const existed = rows.delete(id);
      overrides.delete(id);
      if (existed) {
        logChange([id]);
      }
      return existed;
    },
    count: () => rows.size,
    *vectors() {
      for (const [id, row] of rows) {
        yield { id, vector: row.vector };
      }
    },
    *articles() {
      for (const row of rows.values()) {
        yield row.article;
      }
    },
    *terms() {
      for (const [id, row] of rows) {
        yield { id, terms: row.terms };
      }
    },
    *scan(options) {
      for (const [id, row] of rows) {
        const terms = JSON.stringify(row.terms);
        const json = options.articles ? { json: JSON.stringify(row.article) } : {};
        yield { id, vector: row.vector, terms, ...json };
      }
    },
    *overrides() {
      for (const [id, value] of overrides) {
        yield { id, overrides: value };
      }
    },
    searchTitles(query, limit) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const hits: Article[] = [];
      for (const { article } of rows.values()) {
        const title = article.title.toLowerCase();
        const matches =
          article.id.toLowerCase().startsWith(query.trim().toLowerCase()) ||
          (words.length > 0 && words.every((w) => title.includes(w)));
        if (matches) {
          hits.push(article);
        }
        if (hits.length >= limit) {
          break;
        }
      }
      return hits;
    },
    getOverrides: (id) => overrides.get(id) ?? NO_OVERRIDES,
    setOverrides(id, value) {
      overrides.set(id, { pinned: [...value.pinned], blocked: [...value.blocked] });
      generation += 1;
      changes.push({ generation, id, overrides: true });
    },
    vectorModel: () => model,
    claimVectorModel(next) {
      if (model && (model.modelId !== next.modelId || model.dimensions !== next.dimensions)) {
        throw new AppError(
          'MODEL_MISMATCH',
          `The data was built with ${model.modelId} (${model.dimensions} dimensions), not ${next.modelId} (${next.dimensions}); run \`morelike reindex --full\` to rebuild it with the new model`,
        );
      }
      model = { modelId: next.modelId, dimensions: next.dimensions };
    },
    getMeta: (key) => meta.get(key),
    setMeta(key, value) {
      meta.set(key, value);
    },
    generation: () => generation,
    changesSince(since) {
      const recent = changes.filter((c) => c.generation > since);
      const ids = (overrides: boolean) => [
        ...new Set(recent.filter((c) => (c.overrides ?? false) === overrides).map((c) => c.id)),
      ];
      return { generation, articleIds: ids(false), overrideIds: ids(true) };
    },
    replaceVectors(next, vectors) {
      for (const id of rows.keys()) {
        if (vectors.get(id)?.length !== next.dimensions) {
          throw new AppError(
            'DIMENSION_MISMATCH',
            `No ${next.dimensions}-dimension vector for ${id}`,
          );
        }
      }
      for (const [id, row] of rows) {
        row.vector = Float32Array.from(vectors.get(id) ?? []);
      }
      model = { modelId: next.modelId, dimensions: next.dimensions };
      logChange([...rows.keys()]);
    },
    close() {},
  };
}
