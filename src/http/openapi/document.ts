/**
 * The OpenAPI 3.1 document, generated from `OPERATIONS` and their zod schemas with zod 4's
 * `z.toJSONSchema` (request bodies as accepted input, answers as produced output): an
 * `operationId` and a tag on every operation, named schemas in `components` (see components.ts).
 */
import type { z } from 'zod';
import { ARTICLE_ID_PATTERN, ARTICLE_LIMITS } from '../../articles/article.js';
import { ERROR_CATALOGUE } from '../../errors.js';
import { componentSchemas, schemaOf } from './components.js';
import { OPERATIONS, type Operation } from './operations.js';

type Json = Record<string, unknown>;

/** The groups, in the order a reader meets them. */
export const TAGS = [
  { name: 'Related lists', description: 'The "More like this" lists: the reason to be here' },
  { name: 'Articles', description: 'Storing and removing articles (writes need a key)' },
  { name: 'Overrides', description: 'Editor pins and blocks for one article' },
  { name: 'Search', description: 'Finding stored articles by title or id' },
  { name: 'Service', description: 'Health, readiness, stats and metrics' },
  { name: 'Pages', description: 'The editor page, the widget and this reference' },
] as const;

const PATH_PARAMS: Record<string, Json> = {
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Article id; percent-encode `/`',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: ARTICLE_LIMITS.idMax,
      pattern: ARTICLE_ID_PATTERN.source,
    },
  },
  file: {
    name: 'file',
    in: 'path',
    required: true,
    description: 'File name, e.g. editor.js',
    schema: { type: 'string' },
  },
};

function parameters(op: Operation): Json[] {
  const params = Object.entries(PATH_PARAMS)
    .filter(([name]) => op.path.includes(`{${name}}`))
    .map(([, param]) => param);
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    const schema = schemaOf(field as z.ZodType, 'input');
    params.push({ name, in: 'query', required: false, description: schema.description, schema });
  }
  return params;
}

function responses(op: Operation): Json {
  const out: Json = {};
  for (const [status, res] of Object.entries(op.ok)) {
    const type = res.contentType ?? 'application/json';
    out[status] = {
      description: res.description,
      ...(res.schema || res.contentType
        ? { content: { [type]: res.schema ? { schema: schemaOf(res.schema, 'output') } : {} } }
        : {}),
    };
  }
  for (const status of [...op.errors, 500]) {
    out[String(status)] = {
      description: 'Problem (RFC 9457)',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return out;
}

function requestBody(body: Operation['body']): Json {
  if (body === undefined) {
    return {};
  }
  const schema = schemaOf(body.schema, 'input');
  const content = Object.fromEntries(body.contentTypes.map((type) => [type, { schema }]));
  return { requestBody: { required: true, content } };
}

function operation(op: Operation): Json {
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.write ? { security: [{ bearer: [] }] } : {}),
    parameters: parameters(op),
    ...requestBody(op.body),
    responses: responses(op),
  };
}

/** Builds the OpenAPI document. */
export function buildOpenApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'morelike',
      version,
      description:
        'Self-hosted "More like this" for news sites. Reads are public; writes need `Authorization: Bearer <key>`. Errors are RFC 9457 problems with a stable `code`.',
    },
    tags: TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(),
    },
    'x-error-codes': { ...ERROR_CATALOGUE },
  };
}
