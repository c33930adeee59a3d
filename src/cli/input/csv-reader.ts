/**
 * Reads CSV with a header row (csv-parse, streaming). Columns are the Article fields by name
 * (`id,title,body,url,section,tags,language,publishedAt,image`; unknown columns are ignored).
 * Empty cells are absent fields. `tags` is a JSON array (`["a","b"]`) or a list split on `|` or
 * `;` (`nato|kosovo`). Each record carries the line it starts on (bodies may span lines).
 */
import { parse } from 'csv-parse';
import type { InputRecord } from './input-record.js';

/** Yields each CSV row as an article-shaped object, or the row's parse error. */
export async function* readCsv(input: NodeJS.ReadableStream): AsyncGenerator<InputRecord> {
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: false,
    }),
  );
  try {
    for await (const row of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; records: number };
    }>) {
      yield { line: startLine(row.record, row.info.lines), value: toArticle(row.record) };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines ?? 0;
    yield { line, error: `not valid CSV (${reason}); the rest of the file was not read` };
  }
}

/** info.lines is the line a record ends on; a record spanning lines starts earlier. */
function startLine(record: Record<string, string>, endLine: number): number {
  const breaks = Object.values(record).reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return endLine - breaks;
}

function toArticle(record: Record<string, string>): Record<string, unknown> {
  const article: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell.trim() !== '') {
      article[column] = column === 'tags' ? parseTags(cell) : cell;
    }
  }
  return article;
}

function parseTags(cell: string): unknown {
  const trimmed = cell.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  return trimmed
    .split(/[|;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}
