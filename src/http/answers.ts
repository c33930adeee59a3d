/**
 * The shapes the API answers with, as zod schemas: the OpenAPI document's named components and
 * the typed client's answer types (`z.output`) come from these. Handlers build answers from typed
 * services; `answers.test.ts` checks that these schemas parse what the routes really send.
 */
import { z } from 'zod';

/** One broken rule: the field (dotted path, '' for the whole item) and the rule. */
export const FieldIssueSchema = z.object({ field: z.string(), message: z.string() });

/** A stored article as GET /v1/articles/:id answers it (absent optional fields are left out). */
export const ArticleAnswerSchema = z.object({
  id: z.string(),
  title: z.string().describe('Plain text'),
  body: z.string(),
  url: z.string().optional(),
  section: z.string().optional(),
  tags: z.array(z.string()).optional(),
  language: z
    .string()
    .or(z.undefined())
    .describe('BCP 47, lower case: as sent, or detected at ingest (always set once stored)'),
  publishedAt: z.string().optional().describe('ISO 8601 in UTC, e.g. 2026-11-30T10:00:00Z'),
  image: z.string().optional(),
});

export const UpsertAnswerSchema = z.object({ id: z.string(), indexed: z.literal(true) });

export const RejectedItemSchema = z.object({
  index: z.number().int().describe('0-based: array position, or NDJSON line number'),
  id: z.string().optional(),
  errors: z.array(FieldIssueSchema),
});

export const BatchAnswerSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(RejectedItemSchema),
});

export const RelatedItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  section: z.string().nullable(),
  publishedAt: z.string().nullable(),
  image: z.string().nullable(),
  score: z.number().min(0).max(1),
  pinned: z.boolean(),
  reasons: z.array(z.string()).describe('Distinctive shared terms that explain the match'),
});

export const RelatedListSchema = z.object({
  source: z.object({ id: z.string().nullable(), title: z.string(), language: z.string() }),
  model: z.string(),
  items: z.array(RelatedItemSchema),
});

export const OverridesAnswerSchema = z.object({
  pinned: z.array(z.string()),
  blocked: z.array(z.string()),
});

export const SearchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  section: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const SearchAnswerSchema = z.object({ items: z.array(SearchHitSchema) });

export const StatsAnswerSchema = z.object({
  articles: z.number().int(),
  indexed: z.number().int(),
  model: z.string(),
  dimensions: z.number().int(),
  indexGeneration: z.number().int(),
  indexSize: z.number().int(),
});

export const HealthAnswerSchema = z.object({ status: z.string() });

/** GET /readyz when ready: whether the store answers (reads go on from memory when it does not). */
export const ReadinessAnswerSchema = z.object({
  status: z.literal('ready'),
  store: z
    .enum(['ok', 'unavailable'])
    .describe(
      'unavailable: a shared store is out of reach; lists and reads go on, writes answer 503',
    ),
  articles: z.number().int().optional().describe('Stored articles (when the store answers)'),
  indexed: z
    .number()
    .int()
    .optional()
    .describe('Indexed articles (when the store is out of reach)'),
  storeError: z.string().optional().describe('Why the store cannot be reached'),
});

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string().describe('Stable error code, e.g. ARTICLE_NOT_FOUND'),
  requestId: z.string(),
  errors: z.array(FieldIssueSchema).optional(),
});
