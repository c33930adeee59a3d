/**
 * POST /v1/articles/batch: many upserts from a JSON array or NDJSON (`application/x-ndjson`, one
 * article per line; blank lines are skipped and do not count as items). Valid items are stored
 * even when others are rejected; each rejected one is reported by its 0-based item index, its id
 * when readable, and every broken rule. More items than `maxBatch` is 413 BATCH_TOO_LARGE.
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

/** Splits NDJSON into items; a line that does not parse becomes a NOT_JSON marker. */
export function parseNdjson(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return NOT_JSON;
      }
    });
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
      if (items.length > maxBatch) {
        throw new AppError(
          'BATCH_TOO_LARGE',
          `The batch holds ${items.length} items; send at most ${maxBatch} per request`,
          { details: { items: items.length, maxBatch } },
        );
      }
      const { valid, rejected } = sortItems(items);
      const accepted = items.length - rejected.length;
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
