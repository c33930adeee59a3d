/**
 * The named schemas of the OpenAPI document (`components.schemas`), so a generator makes one
 * `Article`, `RelatedList` or `Problem` type instead of one per operation. Requests are described
 * as accepted (zod input), answers as produced (zod output); an operation whose schema is named
 * here gets a `$ref` to it.
 */
import { z } from 'zod';
import { ArticleSchema } from '../../articles/article.js';
import {
  ArticleAnswerSchema,
  BatchAnswerSchema,
  FieldIssueSchema,
  HealthAnswerSchema,
  OverridesAnswerSchema,
  ProblemSchema,
  RejectedItemSchema,
  RelatedItemSchema,
  RelatedListSchema,
  SearchAnswerSchema,
  SearchHitSchema,
  StatsAnswerSchema,
  UpsertAnswerSchema,
} from '../answers.js';
import { DraftRequestSchema, OverridesSchema, PutArticleSchema } from '../schemas.js';

type Json = Record<string, unknown>;
type Named = z.core.$ZodRegistry<{ id: string }>;

const ref = (id: string) => `#/components/schemas/${id}`;

function registry(entries: Record<string, z.ZodType>): Named {
  const named = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) {
    named.add(schema, { id });
  }
  return named;
}

/** Request bodies, named. */
const REQUESTS = registry({
  ArticleInput: ArticleSchema,
  ArticleUpsert: PutArticleSchema,
  DraftRequest: DraftRequestSchema,
  OverridesInput: OverridesSchema,
});

/** Answers, named. */
const ANSWERS = registry({
  Article: ArticleAnswerSchema,
  UpsertAnswer: UpsertAnswerSchema,
  BatchAnswer: BatchAnswerSchema,
  RejectedItem: RejectedItemSchema,
  FieldIssue: FieldIssueSchema,
  RelatedList: RelatedListSchema,
  RelatedItem: RelatedItemSchema,
  Overrides: OverridesAnswerSchema,
  SearchAnswer: SearchAnswerSchema,
  SearchHit: SearchHitSchema,
  Stats: StatsAnswerSchema,
  Health: HealthAnswerSchema,
  Problem: ProblemSchema,
});

function strip(schema: unknown): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema as Json;
  return rest;
}

/** JSON Schema of `schema`: a `$ref` when it (or an array's items) is named, else inline. */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const named = io === 'input' ? REQUESTS : ANSWERS;
  const id = named.get(schema)?.id;
  if (id !== undefined) {
    return { $ref: ref(id) };
  }
  if (schema instanceof z.ZodArray && named.get(schema.element as z.ZodType) !== undefined) {
    return { type: 'array', items: schemaOf(schema.element as z.ZodType, io) };
  }
  return strip(z.toJSONSchema(schema, { io, unrepresentable: 'any' }));
}

/** `components.schemas`: every named request and answer. */
export function componentSchemas(): Record<string, Json> {
  const all: Record<string, Json> = {};
  for (const [named, io] of [
    [REQUESTS, 'input'],
    [ANSWERS, 'output'],
  ] as const) {
    const { schemas } = z.toJSONSchema(named, { io, unrepresentable: 'any', uri: ref });
    for (const [id, schema] of Object.entries(schemas)) {
      all[id] = strip(schema);
    }
  }
  return all;
}
