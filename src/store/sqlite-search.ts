/**
 * The editor's article finder over the SQLite store: titles holding every word of a query
 * (case-insensitive LIKE, wildcards escaped), or ids starting with it.
 */
import type { Article } from '../articles/article.js';
import type { SqlDatabase } from './sqlite-schema.js';

/** Titles holding every word of `query` (case-insensitive LIKE), or ids starting with it. */
export function searchTitles(db: SqlDatabase, query: string, limit: number): Article[] {
  const trimmed = query.trim();
  const words = trimmed.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const like = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const wordClause =
    words.length > 0 ? words.map(() => "lower(title) LIKE ? ESCAPE '\\'").join(' AND ') : '0';
  const sql = `SELECT json FROM articles WHERE id LIKE ? ESCAPE '\\' OR (${wordClause}) ORDER BY rowid LIMIT ?`;
  const params = [`${like(trimmed)}%`, ...words.map((w) => `%${like(w)}%`), Math.max(0, limit)];
  const rows = db
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
  return rows.map((json) => JSON.parse(json) as Article);
}
