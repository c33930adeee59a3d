/**
 * The HTTP shapes as zod schemas: related-list query options (query string and JSON), draft and
 * overrides bodies (the answers are in `answers.ts`). Routes validate with them and
 * `/openapi.json` and the typed client's request types are generated from the very same objects,
 * so neither can drift from the behaviour.
 */
import { z } from 'zod';
import { ArticleFieldsSchema, ArticleIdSchema } from '../articles/article.js';
import { OVERRIDES_MAX_IDS } from '../recommend/overrides.js';

/** Most entries in a comma list option (sections, excludeIds). */
export const MAX_LIST_ITEMS = 200;

const commaList = (what: string) =>
  z
    .union([z.string(), z.array(z.string({ error: 'must hold strings' }))], {
      error: `must be a comma-separated list of ${what}`,
    })
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(','))
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .pipe(
      z
        .array(z.string())
        .max(MAX_LIST_ITEMS, { error: `must hold at most ${MAX_LIST_ITEMS} ${what}` }),
    );

/**
 * A number between `min` and `max`. A query string carries text, so there it is read from a
 * string; a JSON body has types, so there only a JSON number counts (`true`, `[5]` or `""` are
 * not numbers) and `null` means absent, as for article fields.
 */
const bounded = (min: number, max: number, integer: boolean, source: 'query' | 'json') => {
  const number =
    source === 'query'
      ? z.coerce.number({ error: 'must be a number' })
      : z.number({ error: 'must be a number' });
  const base = integer ? number.int({ error: 'must be a whole number' }) : number;
  const checked = base
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
  return source === 'query'
    ? checked.optional()
    : checked
        .nullable()
        .transform((value) => value ?? undefined)
        .optional();
};

/** Related-list options read from `source` (a query string or a JSON body). */
const relatedOptions = (source: 'query' | 'json') =>
  z.object({
    limit: bounded(1, 50, true, source).describe('How many items, 1..50 (default 6)'),
    sections: commaList('sections').optional().describe('Only these sections (comma list)'),
    excludeSections: commaList('sections').optional().describe('Never these sections (comma list)'),
    maxAgeDays: bounded(0, 36_500, false, source).describe(
      'Only articles published at most this many days ago',
    ),
    minScore: bounded(0, 1, false, source).describe('Lowest score shown, 0..1'),
    diversity: bounded(0, 1, false, source).describe(
      '0 = pure relevance; higher trades relevance for variety, 0..1',
    ),
    excludeIds: commaList('ids').optional().describe('Never these ids (comma list)'),
    tags: commaList('tags')
      .optional()
      .describe(
        "Only items sharing at least one of these tags (comma list, case-insensitive). In POST /v1/related send it in the query string: the body's `tags` are the draft's own",
      ),
  });

/** Related-list options in a query string (GET): numbers are read from text. */
export const RelatedOptionsSchema = relatedOptions('query');

export type RelatedOptionsInput = z.output<typeof RelatedOptionsSchema>;

/**
 * POST /v1/related: an unsaved draft (Article without id) plus the query options as JSON fields.
 * `tags` is the draft's own field there, so the `tags` filter of a draft's list goes in the query
 * string (which takes every option; the body's win).
 */
export const DraftRequestSchema = ArticleFieldsSchema.extend(
  relatedOptions('json').omit({ tags: true }).shape,
);

/** The path parameter of every `/v1/articles/:id` route. */
export const IdParamSchema = z.object({ id: ArticleIdSchema });

/** PUT /v1/articles/:id/overrides body. */
export const OverridesSchema = z
  .object({
    pinned: z
      .array(ArticleIdSchema, { error: 'must be an array of ids' })
      .max(OVERRIDES_MAX_IDS, { error: `must hold at most ${OVERRIDES_MAX_IDS} ids` })
      .default([])
      .describe('Shown first, in this order'),
    blocked: z
      .array(ArticleIdSchema, { error: 'must be an array of ids' })
      .max(OVERRIDES_MAX_IDS, { error: `must hold at most ${OVERRIDES_MAX_IDS} ids` })
      .default([])
      .describe('Never shown for this article'),
  })
  .superRefine((value, ctx) => {
    const pinned = new Set(value.pinned);
    value.blocked.forEach((id, index) => {
      if (pinned.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['blocked', index],
          message: `must not also be pinned (${id})`,
        });
      }
    });
  });

/** PUT /v1/articles/:id body: an Article whose id may be omitted. */
export const PutArticleSchema = ArticleFieldsSchema.extend({ id: ArticleIdSchema.optional() });
