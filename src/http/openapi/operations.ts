/**
 * The API's operations, described once from the same zod schemas the routes validate with; the
 * OpenAPI document (`document.ts`) and the /docs page are generated from this list.
 */
import type { z } from 'zod';
import { ArticleSchema } from '../../articles/article.js';
import {
  BatchAnswerSchema,
  DraftRequestSchema,
  HealthAnswerSchema,
  OverridesAnswerSchema,
  OverridesSchema,
  PutArticleSchema,
  RelatedListSchema,
  RelatedOptionsSchema,
  StatsAnswerSchema,
  UpsertAnswerSchema,
} from '../schemas.js';

export interface OperationResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json; problems are always application/problem+json. */
  readonly contentType?: string;
}

export interface Operation {
  readonly method: 'get' | 'put' | 'post' | 'delete';
  /** OpenAPI path, `{id}` for the article id. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  /** Needs `Authorization: Bearer <key>`. */
  readonly write?: boolean;
  readonly query?: z.ZodObject;
  readonly body?: { readonly schema: z.ZodType; readonly contentTypes: readonly string[] };
  readonly ok: Readonly<Record<number, OperationResponse>>;
  /** Error statuses this operation may answer (as problems). */
  readonly errors: readonly number[];
}

const json = ['application/json'];
const WRITE_ERRORS = [400, 401, 413, 415];

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    ok: { 200: { description: 'Alive', schema: HealthAnswerSchema } },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: model and index loaded',
    ok: { 200: { description: 'Ready' } },
    errors: [503],
  },
  {
    method: 'put',
    path: '/v1/articles/{id}',
    summary: 'Upsert one article',
    description:
      'The body is an Article; its `id` may be omitted and must equal the path id when given.',
    write: true,
    body: { schema: PutArticleSchema, contentTypes: json },
    ok: {
      200: { description: 'Updated', schema: UpsertAnswerSchema },
      201: { description: 'Created', schema: UpsertAnswerSchema },
    },
    errors: WRITE_ERRORS,
  },
  {
    method: 'post',
    path: '/v1/articles/batch',
    summary: 'Upsert many articles',
    description:
      'A JSON array or NDJSON (one article per line), at most 1000 items (413 BATCH_TOO_LARGE beyond). Valid items are stored even when others are rejected; rejected items are reported by 0-based index.',
    write: true,
    body: {
      schema: ArticleSchema.array(),
      contentTypes: ['application/json', 'application/x-ndjson'],
    },
    ok: { 200: { description: 'Stored the valid items', schema: BatchAnswerSchema } },
    errors: WRITE_ERRORS,
  },
  {
    method: 'get',
    path: '/v1/articles/{id}',
    summary: 'The stored article',
    ok: { 200: { description: 'The article', schema: ArticleSchema } },
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/v1/articles/{id}',
    summary: 'Remove an article; never recommended again',
    write: true,
    ok: { 204: { description: 'Removed' } },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/v1/articles/{id}/related',
    summary: 'The "More like this" list of a stored article',
    description:
      'Same story first, then same topic; a short or empty list beats an off-topic one. Answers carry Cache-Control and a weak ETag; If-None-Match answers 304.',
    query: RelatedOptionsSchema,
    ok: {
      200: { description: 'The related list', schema: RelatedListSchema },
      304: { description: 'Not modified' },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/v1/related',
    summary: 'The related list of an unsaved draft',
    description: 'The body is an Article without `id`, plus the query options as JSON fields.',
    body: { schema: DraftRequestSchema, contentTypes: json },
    ok: { 200: { description: 'The related list', schema: RelatedListSchema } },
    errors: [400, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/v1/articles/{id}/overrides',
    summary: 'Editor pins and blocks',
    ok: { 200: { description: 'The overrides', schema: OverridesAnswerSchema } },
    errors: [400, 404],
  },
  {
    method: 'put',
    path: '/v1/articles/{id}/overrides',
    summary: 'Replace editor pins and blocks',
    write: true,
    body: { schema: OverridesSchema, contentTypes: json },
    ok: { 200: { description: 'The saved overrides', schema: OverridesAnswerSchema } },
    errors: [...WRITE_ERRORS, 404],
  },
  {
    method: 'get',
    path: '/v1/stats',
    summary: 'Counts, model id, dimensions, index size',
    ok: { 200: { description: 'Stats', schema: StatsAnswerSchema } },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/auth',
    summary: 'Check an API key',
    description: 'Changes nothing; rate-limited like writes. HEAD answers the same.',
    write: true,
    ok: { 204: { description: 'The key is valid' } },
    errors: [401, 429],
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    ok: { 200: { description: 'Text exposition format', contentType: 'text/plain' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/editor',
    summary: "The editors' preview page",
    ok: { 200: { description: 'HTML', contentType: 'text/html' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    ok: { 200: { description: 'OpenAPI 3.1' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    summary: 'The API reference as a web page',
    ok: { 200: { description: 'HTML', contentType: 'text/html' } },
    errors: [],
  },
];
