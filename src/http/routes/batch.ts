/**
 * POST /v1/articles/batch: many upserts from a JSON array or NDJSON (`application/x-ndjson`, one
 * article per line; blank lines are skipped and do not count as items). Valid items are stored
 * even when others are rejected; each rejected one is reported by its 0-based index (the array
 * position, or the NDJSON line number with blank lines counted, so `index + 1` is the line an
 * editor shows), its id when readable, and every broken rule. More items than `maxBatch` is 413 BATCH_TOO_LARGE.
 */
import { Hono } from 'hono';
import { type Article, parseArticleItem } from '../../articles/article.js';
import { AppError, validationError } from '../../errors.js';
import type { RejectedItem } from '../../recommend/types.js';
import type { AppEnv } from '../app-env.js';
import { mediaType, requireMediaType } from '../body.js';
import type { Guards } from '../guards.js';

const NDJSON = 'application/x-ndjson';
const NOT_JSON = Symbol('not JSON');
const BLANK = Symbol('blank line');

/**
 * Splits NDJSON into one entry per line, so an entry's index is its 0-based line number: a blank
 * line becomes a BLANK marker (not an item), a line that does not parse a NOT_JSON marker.
 */
export function parseNdjson(text: string): unknown[] {
  return text.split(/\r?\n/).map((line) => {
    if (line.trim() === '') {
      return BLANK;
    }
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return NOT_JSON;
    }
  });
}

/** How many entries are items (blank NDJSON lines are not). */
export function itemCount(entries: readonly unknown[]): number {
  return entries.reduce<number>((count, entry) => (entry === BLANK ? count : count + 1), 0);
}

async function readItems(
  contentType: string,
  body: { text(): Promise<string> },
): Promise<unknown[]> {
  const text = await body.text();
  if (contentType === NDJSON) {
    return parseNdjson(text);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationError([{ field: '', message: 'must be valid JSON' }], 'Invalid body');
  }
  if (!Array.isArray(parsed)) {
    throw validationError(
      [{ field: '', message: 'must be a JSON array of articles (or send application/x-ndjson)' }],
      'Invalid body',
    );
  }
  return parsed;
}

/** Validates every item; the valid ones (last copy wins for a repeated id) and the rejected. */
export function sortItems(items: readonly unknown[]): {
  valid: Article[];
  rejected: RejectedItem[];
} {
  const valid = new Map<string, Article>();
  const rejected: RejectedItem[] = [];
  items.forEach((item, index) => {
    if (item === BLANK) {
      return;
    }
    if (item === NOT_JSON) {
      rejected.push({ index, errors: [{ field: '', message: 'is not valid JSON' }] });
      return;
    }
    const parsed = parseArticleItem(item);
    if (parsed.ok) {
      valid.delete(parsed.article.id);
      valid.set(parsed.article.id, parsed.article);
    } else {
      rejected.push({
        index,
        ...(parsed.id === undefined ? {} : { id: parsed.id }),
        errors: parsed.errors,
      });
    }
  });
  return { valid: [...valid.values()], rejected };
}

/** The batch route. */
export function batchRoutes(guards: Guards, maxBatch: number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    '/v1/articles/batch',
    guards.write,
    requireMediaType('application/json', NDJSON),
    async (c) => {
      const type = mediaType(c);
      const items = await readItems(type === NDJSON ? NDJSON : 'application/json', c.req);
      const count = itemCount(items);
      if (count > maxBatch) {
        throw new AppError(
          'BATCH_TOO_LARGE',
          `The batch holds ${count} items; send at most ${maxBatch} per request`,
          { details: { items: count, maxBatch } },
        );
      }
      const { valid, rejected } = sortItems(items);
      const accepted = count - rejected.length;
      if (valid.length > 0) {
        const result = await c.var.services.ingest.upsert(valid);
        const metrics = c.var.metrics.articlesUpserted;
        metrics.inc({ result: 'created' }, result.created.length);
        metrics.inc({ result: 'updated' }, result.updated.length);
        metrics.inc({ result: 'unchanged' }, result.unchanged.length);
      }
      return c.json({ accepted, rejected });
    },
  );
  return app;
}
