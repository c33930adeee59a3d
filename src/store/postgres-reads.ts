/**
 * Every read of the PostgreSQL store. Vectors and terms asked for in the same tick are read
 * together (`dataloader`), so a catch-up of a batch costs a few queries. Whole-store iteration reads pages of PAGE_ROWS in insertion
 * order (keyset on `seq`), so 100,000 articles never sit in memory at once, and yields them one
 * by one as the SQLite store does.
 */
import DataLoader from 'dataloader';
import type { Article, ArticleHeader } from '../articles/article.js';
import type { Overrides, ScannedArticle, ScanOptions, TermWeights } from './article-store.js';
import type { PgQueryable, PgRow } from './postgres-client.js';
import { blobToVector } from './vector-codec.js';

/** Rows read per page while iterating the whole store. */
export const PAGE_ROWS = 2000;

/** Rows read per page by a scan (about 5 MB with the articles' JSON at 100,000 articles). */
const SCAN_ROWS = 2500;

/**
 * Pages of `sql` (which reads `seq` and takes `$1` = after, `$2` = limit): keyset-paged on the
 * indexed `seq`, so each page is an index range scan, never an OFFSET that rereads what came
 * before. The next page is asked for while the caller works through this one.
 */
async function* pageRows(db: PgQueryable, sql: string, size: number): AsyncGenerator<PgRow[]> {
  let next = db.query(sql, [0, size]);
  try {
    for (;;) {
      const { rows } = await next;
      const last = rows.at(-1);
      const more = rows.length === size && last !== undefined;
      if (more) {
        next = db.query(sql, [Number(last.seq), size]);
      }
      yield rows;
      if (!more) {
        return;
      }
    }
  } finally {
    // A caller that stops early leaves the page asked for ahead: its failure is nobody's.
    next.catch(() => undefined);
  }
}

/** Rows of `sql` (see `pageRows`), one by one. */
async function* pages(db: PgQueryable, sql: string): AsyncGenerator<PgRow> {
  for await (const rows of pageRows(db, sql, PAGE_ROWS)) {
    yield* rows;
  }
}

const pageOf = (columns: string, table = 'articles') =>
  `SELECT seq, ${columns} FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT $2`;

/** The reads over `db`. */
export function createPostgresReads(db: PgQueryable) {
  const column = async (sql: string, id: string): Promise<unknown> =>
    (await db.query(sql, [id])).rows[0]?.value;
  const byIds = async (sql: string, ids: readonly string[]): Promise<PgRow[]> =>
    ids.length === 0 ? [] : (await db.query(sql, [ids])).rows;
  // A catch-up asks for the vector and terms of hundreds of ids at once: those asked for in the
  // same tick are read with one query each, not one round trip per id.
  const loader = <T>(field: string, decode: (value: unknown) => T) =>
    new DataLoader<string, T | undefined>(
      async (ids) => {
        const sql = `SELECT id, ${field} AS value FROM articles WHERE id = ANY($1::text[])`;
        const found = new Map((await byIds(sql, ids)).map((r) => [String(r.id), r.value]));
        return ids.map((id) => (found.has(id) ? decode(found.get(id)) : undefined));
      },
      { cache: false, maxBatchSize: 1000 },
    );
  const vectorLoader = loader('vector', (value) => blobToVector(value as Uint8Array));
  const termsLoader = loader('terms', (value) => JSON.parse(String(value)) as TermWeights);
  return {
    async get(id: string): Promise<Article | undefined> {
      const json = await column('SELECT json AS value FROM articles WHERE id = $1', id);
      return typeof json === 'string' ? (JSON.parse(json) as Article) : undefined;
    },
    async getMany(ids: readonly string[]): Promise<Map<string, Article>> {
      const rows = await byIds('SELECT id, json FROM articles WHERE id = ANY($1::text[])', ids);
      return new Map(rows.map((r) => [String(r.id), JSON.parse(String(r.json)) as Article]));
    },
    async getHeaders(ids: readonly string[]): Promise<Map<string, ArticleHeader>> {
      const rows = await byIds('SELECT id, header FROM articles WHERE id = ANY($1::text[])', ids);
      return new Map(
        rows.map((r) => [String(r.id), JSON.parse(String(r.header)) as ArticleHeader]),
      );
    },
    getVector: (id: string): Promise<Float32Array | undefined> => vectorLoader.load(id),
    getTerms: (id: string): Promise<TermWeights | undefined> => termsLoader.load(id),
    async textHashes(ids: readonly string[]): Promise<Map<string, string>> {
      const sql = 'SELECT id, text_hash FROM articles WHERE id = ANY($1::text[])';
      const rows = await byIds(sql, ids);
      return new Map(rows.map((r) => [String(r.id), String(r.text_hash)]));
    },
    async count(): Promise<number> {
      return Number((await db.query('SELECT count(*) AS n FROM articles')).rows[0]?.n ?? 0);
    },
    async *vectors(): AsyncGenerator<{ id: string; vector: Float32Array }> {
      for await (const row of pages(db, pageOf('id, vector'))) {
        yield { id: String(row.id), vector: blobToVector(row.vector as Uint8Array) };
      }
    },
    async *articles(): AsyncGenerator<Article> {
      for await (const row of pages(db, pageOf('json'))) {
        yield JSON.parse(String(row.json)) as Article;
      }
    },
    async *terms(): AsyncGenerator<{ id: string; terms: TermWeights }> {
      for await (const row of pages(db, pageOf('id, terms'))) {
        yield { id: String(row.id), terms: JSON.parse(String(row.terms)) as TermWeights };
      }
    },
    async *scan(options: ScanOptions): AsyncGenerator<ScannedArticle[]> {
      const columns = options.articles ? 'id, vector, terms, json' : 'id, vector, terms';
      for await (const rows of pageRows(db, pageOf(columns), SCAN_ROWS)) {
        yield rows.map((row) => ({
          id: String(row.id),
          vector: blobToVector(row.vector as Uint8Array),
          terms: String(row.terms),
          ...(options.articles ? { json: String(row.json) } : {}),
        }));
      }
    },
    async *overrides(): AsyncGenerator<{ id: string; overrides: Overrides }> {
      const { rows } = await db.query('SELECT id, pinned, blocked FROM overrides ORDER BY id');
      for (const row of rows) {
        yield { id: String(row.id), overrides: overridesOf(row) };
      }
    },
    async getOverrides(id: string): Promise<Overrides> {
      const { rows } = await db.query('SELECT pinned, blocked FROM overrides WHERE id = $1', [id]);
      return rows[0] === undefined ? { pinned: [], blocked: [] } : overridesOf(rows[0]);
    },
    searchTitles: (query: string, limit: number) => searchTitles(db, query, limit),
  };
}

function overridesOf(row: PgRow): Overrides {
  return {
    pinned: JSON.parse(String(row.pinned)) as string[],
    blocked: JSON.parse(String(row.blocked)) as string[],
  };
}

/** Titles holding every word of `query` (case-insensitive), or ids starting with it. */
async function searchTitles(db: PgQueryable, query: string, limit: number): Promise<Article[]> {
  const trimmed = query.trim();
  const words = trimmed.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const like = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const wordClause =
    words.length > 0 ? words.map((_, i) => `lower(title) LIKE $${i + 3}`).join(' AND ') : 'false';
  const sql = `SELECT json FROM articles WHERE id LIKE $1 OR (${wordClause}) ORDER BY seq LIMIT $2`;
  const params = [`${like(trimmed)}%`, Math.max(0, limit), ...words.map((w) => `%${like(w)}%`)];
  const { rows } = await db.query(sql, params);
  return rows.map((row) => JSON.parse(String(row.json)) as Article);
}
