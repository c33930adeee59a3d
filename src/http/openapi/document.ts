/**
 * The OpenAPI 3.1 document, generated from `OPERATIONS` and their zod schemas with zod 4's
 * `z.toJSONSchema` (request bodies as accepted input, answers as produced output).
 */
import { z } from 'zod';
import { ERROR_CATALOGUE } from '../../errors.js';
import { ProblemSchema } from '../schemas.js';
import { OPERATIONS, type Operation } from './operations.js';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function parameters(op: Operation): Json[] {
  const params: Json[] = [];
  if (op.path.includes('{id}')) {
    params.push({
      name: 'id',
      in: 'path',
      required: true,
      description: 'Article id; percent-encode `/`',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:/-]+$' },
    });
  }
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
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: schemaOf(ProblemSchema, 'output') },
    },
    'x-error-codes': { ...ERROR_CATALOGUE },
  };
}
