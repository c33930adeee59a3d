/**
 * The API's operations, described once from the same zod schemas the routes validate with; the
 * OpenAPI document (`document.ts`) and the /docs page are generated from this list, and
 * `document.test.ts` checks it against the app's real routes (`app.routes`), both ways.
 * The routes stay plain Hono handlers: other work edits them often, and a table beside them
 * changes nothing in them (see the README's "OpenAPI" note).
 */
import type { z } from 'zod';
import { ArticleSchema } from '../../articles/article.js';
import {
  ArticleAnswerSchema,
  BatchAnswerSchema,
  OverridesAnswerSchema,
  RelatedListSchema,
  SearchAnswerSchema,
  UpsertAnswerSchema,
} from '../answers.js';
import { SearchQuerySchema } from '../preview/search-route.js';
import {
  DraftRequestSchema,
  OverridesSchema,
  PutArticleSchema,
  RelatedOptionsSchema,
} from '../schemas.js';
import { PAGE_OPERATIONS } from './page-operations.js';

export interface OperationResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json; problems are always application/problem+json. */
  readonly contentType?: string;
}

export interface Operation {
  readonly method: 'get' | 'put' | 'post' | 'delete';
  /** OpenAPI path: `{id}` for the article id, `{file}` for a file name. */
  readonly path: string;
  /** Unique, stable: generated clients name their methods after it. */
  readonly operationId: string;
  /** The group it is listed under. */
  readonly tag: string;
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
const WRITE_ERRORS = [400, 401, 413, 415, 429];

const API_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/articles/{id}/related',
    operationId: 'getRelated',
    tag: 'Related lists',
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
    operationId: 'getDraftRelated',
    tag: 'Related lists',
    summary: 'The related list of an unsaved draft',
    description:
      "The body is an Article without `id`, plus the list options as JSON fields. The query string takes the options too; it is the place for the `tags` filter, as the body's `tags` are the draft's own.",
    query: RelatedOptionsSchema,
    body: { schema: DraftRequestSchema, contentTypes: json },
    ok: { 200: { description: 'The related list', schema: RelatedListSchema } },
    errors: [400, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/v1/articles/{id}',
    operationId: 'getArticle',
    tag: 'Articles',
    summary: 'The stored article',
    ok: { 200: { description: 'The article', schema: ArticleAnswerSchema } },
    errors: [400, 404],
  },
  {
    method: 'put',
    path: '/v1/articles/{id}',
    operationId: 'putArticle',
    tag: 'Articles',
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
    method: 'delete',
    path: '/v1/articles/{id}',
    operationId: 'deleteArticle',
    tag: 'Articles',
    summary: 'Remove an article; never recommended again',
    write: true,
    ok: { 204: { description: 'Removed' } },
    errors: [400, 401, 404, 429],
  },
  {
    method: 'post',
    path: '/v1/articles/batch',
    operationId: 'batchArticles',
    tag: 'Articles',
    summary: 'Upsert many articles',
    description:
      'A JSON array or NDJSON (one article per line), at most 1000 items (413 BATCH_TOO_LARGE beyond). Valid items are stored even when others are rejected; a rejected item is reported by its 0-based index: the array position, or the NDJSON line number with blank lines counted.',
    write: true,
    body: { schema: ArticleSchema.array(), contentTypes: [...json, 'application/x-ndjson'] },
    ok: { 200: { description: 'Stored the valid items', schema: BatchAnswerSchema } },
    errors: WRITE_ERRORS,
  },
  {
    method: 'get',
    path: '/v1/articles/{id}/overrides',
    operationId: 'getOverrides',
    tag: 'Overrides',
    summary: 'Editor pins and blocks',
    ok: { 200: { description: 'The overrides', schema: OverridesAnswerSchema } },
    errors: [400, 404],
  },
  {
    method: 'put',
    path: '/v1/articles/{id}/overrides',
    operationId: 'putOverrides',
    tag: 'Overrides',
    summary: 'Replace editor pins and blocks',
    write: true,
    body: { schema: OverridesSchema, contentTypes: json },
    ok: { 200: { description: 'The saved overrides', schema: OverridesAnswerSchema } },
    errors: [...WRITE_ERRORS, 404],
  },
  {
    method: 'get',
    path: '/v1/search',
    operationId: 'searchArticles',
    tag: 'Search',
    summary: 'Stored articles by title words or id prefix',
    description:
      'Titles holding every word of `q`, or ids starting with it (the editor page finder). An empty `q` answers no items.',
    query: SearchQuerySchema,
    ok: { 200: { description: 'The hits', schema: SearchAnswerSchema } },
    errors: [400],
  },
];

/** Every operation of the app, API first. */
export const OPERATIONS: readonly Operation[] = [...API_OPERATIONS, ...PAGE_OPERATIONS];
