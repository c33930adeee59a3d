/**
 * GET /v1/search?q=&limit=: stored articles whose title holds all the words of `q`, or whose id
 * starts with it. The editor page's article finder; public like every read.
 * Answers `{items:[{id, title, section, publishedAt}]}`; an empty `q` answers no items.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { PARSE_OPTIONS, toFieldIssues } from '../../articles/article.js';
import { validationError } from '../../errors.js';
import type { SearchHitSchema } from '../answers.js';
import type { AppEnv } from '../app-env.js';

/** Longest accepted query, in characters. */
export const SEARCH_QUERY_MAX = 200;

/** The query of GET /v1/search (also in the OpenAPI document and the typed client). */
export const SearchQuerySchema = z.object({
  q: z
    .string()
    .max(SEARCH_QUERY_MAX, { error: `must be at most ${SEARCH_QUERY_MAX} characters` })
    .default('')
    .transform((value) => value.trim()),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1..50' })
    .max(50, { error: 'must be 1..50' })
    .default(10),
});

/** One search hit (contract-style: absent fields are null). */
export type SearchHit = z.output<typeof SearchHitSchema>;

/** Handles GET /v1/search; throws VALIDATION_FAILED for a bad `q` or `limit`. */
export async function searchArticles(c: Context<AppEnv>): Promise<Response> {
  const parsed = SearchQuerySchema.safeParse(
    {
      q: c.req.query('q'),
      limit: c.req.query('limit'),
    },
    PARSE_OPTIONS,
  );
  if (!parsed.success) {
    throw validationError(toFieldIssues(parsed.error), 'Invalid search');
  }
  const { q, limit } = parsed.data;
  const found = q === '' ? [] : await c.var.services.store.searchTitles(q, limit);
  const items: SearchHit[] = found.map((article) => ({
    id: article.id,
    title: article.title,
    section: article.section ?? null,
    publishedAt: article.publishedAt ?? null,
  }));
  return c.json({ items });
}
