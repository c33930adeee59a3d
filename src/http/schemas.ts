/**
 * The HTTP shapes as zod schemas: related-list query options (query string and JSON), draft and
 * overrides bodies, and the answers. Routes validate with them and `/openapi.json` is generated
 * from the very same objects, so the documentation cannot drift from the behaviour.
 */
import { z } from 'zod';
import { ArticleFieldsSchema, ArticleIdSchema, ArticleSchema } from '../articles/article.js';

/** Most entries in a comma list option (sections, excludeIds). */
export const MAX_LIST_ITEMS = 200;
/** Most ids in `pinned` or `blocked`. */
export const MAX_OVERRIDE_IDS = 50;

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

const bounded = (min: number, max: number, integer: boolean) => {
  const number = z.coerce.number({ error: 'must be a number' });
  const base = integer ? number.int({ error: 'must be a whole number' }) : number;
  return base
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
};

/** Related-list options; the same fields in a query string (GET) or a JSON body (POST). */
export const RelatedOptionsSchema = z.object({
  limit: bounded(1, 50, true).optional().describe('How many items, 1..50 (default 6)'),
  sections: commaList('sections').optional().describe('Only these sections (comma list)'),
  excludeSections: commaList('sections').optional().describe('Never these sections (comma list)'),
  maxAgeDays: bounded(0, 36_500, false)
    .optional()
    .describe('Only articles published at most this many days ago'),
  minScore: bounded(0, 1, false).optional().describe('Lowest score shown, 0..1'),
  diversity: bounded(0, 1, false)
    .optional()
    .describe('0 = pure relevance; higher trades relevance for variety, 0..1'),
  excludeIds: commaList('ids').optional().describe('Never these ids (comma list)'),
});

export type RelatedOptionsInput = z.output<typeof RelatedOptionsSchema>;

/** POST /v1/related: an unsaved draft (Article without id) plus the query options. */
export const DraftRequestSchema = ArticleFieldsSchema.extend(RelatedOptionsSchema.shape);

/** The path parameter of every `/v1/articles/:id` route. */
export const IdParamSchema = z.object({ id: ArticleIdSchema });

/** PUT /v1/articles/:id/overrides body. */
export const OverridesSchema = z
  .object({
    pinned: z
      .array(ArticleIdSchema, { error: 'must be an array of ids' })
      .max(MAX_OVERRIDE_IDS, { error: `must hold at most ${MAX_OVERRIDE_IDS} ids` })
      .default([])
      .describe('Shown first, in this order'),
    blocked: z
      .array(ArticleIdSchema, { error: 'must be an array of ids' })
      .max(MAX_OVERRIDE_IDS, { error: `must hold at most ${MAX_OVERRIDE_IDS} ids` })
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

/* ---- Answers (documentation only: handlers build them from typed services) ---- */

const FieldIssueSchema = z.object({ field: z.string(), message: z.string() });

export const UpsertAnswerSchema = z.object({ id: z.string(), indexed: z.literal(true) });

export const BatchAnswerSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int(),
      id: z.string().optional(),
      errors: z.array(FieldIssueSchema),
    }),
  ),
});

export const RelatedListSchema = z.object({
  source: z.object({ id: z.string().nullable(), title: z.string(), language: z.string() }),
  model: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      section: z.string().nullable(),
      publishedAt: z.string().nullable(),
      image: z.string().nullable(),
      score: z.number().min(0).max(1),
      pinned: z.boolean(),
      reasons: z.array(z.string()),
    }),
  ),
});

export const OverridesAnswerSchema = z.object({
  pinned: z.array(z.string()),
  blocked: z.array(z.string()),
});

export const StatsAnswerSchema = z.object({
  articles: z.number().int(),
  indexed: z.number().int(),
  model: z.string(),
  dimensions: z.number().int(),
  indexGeneration: z.number().int(),
  indexSize: z.number().int(),
});

export const HealthAnswerSchema = z.object({ status: z.string() });

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  requestId: z.string(),
  errors: z.array(FieldIssueSchema).optional(),
});

/** The stored article as answered by GET /v1/articles/:id. */
export const StoredArticleSchema = ArticleSchema;
